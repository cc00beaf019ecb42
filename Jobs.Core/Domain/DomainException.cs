namespace Jobs.Core.Domain;

/// <summary>
/// Thrown when an operation does not fit the current state of an aggregate (an illegal transition)
/// or when a value is invalid. The message is meant for the operator and is shown as-is.
/// </summary>
public sealed class DomainException(string message) : Exception(message);

/// <summary>Thrown when a control (pause, resume, …) does not fit the job's current status. The API maps it to 409.</summary>
public sealed class InvalidTransitionException(string message) : Exception(message);

/// <summary>The job (or the host of a job) a command names does not exist. The API maps it to 404.</summary>
public class NotFoundException(string message) : Exception(message);

/// <summary>The two-person rule refused an approval (the approver is the creator, or not an Admin). The API maps it to 403.</summary>
public sealed class TwoPersonRuleException(string message) : Exception(message);

/// <summary>The actor's server scope does not cover what they acted on. The API maps it to 403; the message names hosts.</summary>
public sealed class OutOfScopeException(string message) : Exception(message);
