using System.Text.Json.Nodes;
using Jobs.Core.Auditing;
using Jobs.Core.Domain;
using Jobs.Core.Engine;

namespace Jobs.Core.Application;

/// <summary>
/// Commands on jobs, shared by the JSON API and the MVC pages so both validate and audit alike.
/// Every command writes an <see cref="AuditEntry"/> in the same transaction as the change.
/// </summary>
public interface IJobService
{
    /// <summary>Validates the request and plans its batches without creating anything.</summary>
    /// <exception cref="JobValidationException">Field errors; nothing was written.</exception>
    /// <exception cref="JobValidationException">Field errors (including targets outside the actor's scope); nothing was written.</exception>
    Task<JobPreview> PreviewAsync(JobRequest request, Actor actor, CancellationToken cancellationToken);

    /// <summary>Freezes the targets, plans the batches, stores the job and schedules it. Returns the new job id.</summary>
    /// <exception cref="JobValidationException">Field errors; nothing was written.</exception>
    Task<long> CreateAsync(JobRequest request, Actor actor, CancellationToken cancellationToken);

    /// <summary>As <see cref="CreateAsync(JobRequest, Actor, CancellationToken)"/>, recording where the job came from
    /// (a template version, a schedule or rule) and holding it before its first batch when the origin asks.</summary>
    /// <exception cref="JobValidationException">Field errors; nothing was written.</exception>
    Task<long> CreateAsync(JobRequest request, Actor actor, JobOrigin origin, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="CreateAsync(JobRequest, Actor, JobOrigin, CancellationToken)"/>, at most once per <paramref name="idempotencyKey"/>:
    /// a repeat of the same request with the key (also concurrent, also on another node) gets the job the first one
    /// created, with <see cref="JobCreated.Replayed"/> set. Null key: an ordinary create.
    /// </summary>
    /// <exception cref="JobValidationException">Field errors, or an unusable key (field <c>Idempotency-Key</c>); nothing was written.</exception>
    /// <exception cref="IdempotencyKeyReusedException">The key created a job from a different request (API: 422).</exception>
    Task<JobCreated> CreateOnceAsync(JobRequest request, Actor actor, JobOrigin origin, string? idempotencyKey, CancellationToken cancellationToken);

    /// <summary>
    /// Applies one operator control (pause, resume, abort, retry-failed, approve; for host controls
    /// <paramref name="hostname"/> names the host) and audits it in the same transaction.
    /// </summary>
    /// <exception cref="NotFoundException">No such job or host (API: 404).</exception>
    /// <exception cref="InvalidTransitionException">The control does not fit the job's status (API: 409).</exception>
    /// <exception cref="TwoPersonRuleException">Approve: the approver of a dangerous job is its creator or not an Admin (audited; API: 403).</exception>
    /// <exception cref="OutOfScopeException">The actor's server scope does not cover every host of the job (API: 403).</exception>
    Task<ControlResult> ControlAsync(long jobId, JobControl control, Actor actor, string? hostname, CancellationToken cancellationToken);

    /// <summary>Pins a job so retention keeps it, or unpins it; audited. Returns what happened, in the operator's words.</summary>
    /// <exception cref="NotFoundException">No such job (API: 404).</exception>
    /// <exception cref="OutOfScopeException">The actor's server scope does not cover every host of the job (API: 403).</exception>
    Task<string> SetPinnedAsync(long jobId, bool pinned, Actor actor, CancellationToken cancellationToken);
}

/// <summary>
/// A job as submitted (API body or wizard), before validation. Property names match the API's camelCase body;
/// <see cref="JobValidationException.Errors"/> keys use the same names (<c>name</c>, <c>filter</c>, <c>batches</c>,
/// <c>parameters</c>, <c>gates.httpProbe.url</c>, …).
/// </summary>
public sealed record JobRequest
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? Filter { get; init; }
    public string? Executor { get; init; }
    public JsonObject? Parameters { get; init; }
    /// <summary>The batch plan, e.g. <c>1%,5%,10%</c>.</summary>
    public string? Batches { get; init; }
    /// <summary>Max hosts in flight for the job, 1 to 10,000 (<see cref="Domain.JobLimits.MaxParallelism"/>); default 20.</summary>
    public int? Parallelism { get; init; }
    /// <summary>Default 600.</summary>
    public int? HostTimeoutSeconds { get; init; }
    /// <summary>Default true.</summary>
    public bool? Stratify { get; init; }
    public decimal? MaxPerAppPercent { get; init; }
    public GateSettings? Gates { get; init; }
    /// <summary>Default <see cref="GateFailureAction.Pause"/>.</summary>
    public GateFailureAction? OnGateFailure { get; init; }
    /// <summary>UTC; null = now.</summary>
    public DateTime? StartAt { get; init; }
}

/// <summary>The batch plan a request would get, plus what the operator should know before confirming.
/// <see cref="DangerousCommand"/> is set when the two-person rule will hold the job before its first batch.</summary>
public sealed record JobPreview(
    int TotalTargets,
    int ExcludedCount,
    IReadOnlyList<ExcludedHost> ExcludedSample,
    IReadOnlyList<PlannedBatch> Batches,
    IReadOnlyList<string> Warnings,
    string? DangerousCommand = null);

public sealed record PlannedBatch(int Index, int Size, IReadOnlyList<string> FirstHosts);

public sealed record ExcludedHost(string Hostname, string Reason);

/// <summary>Per-field validation errors (keys as in <see cref="JobRequest"/>, camelCase). Nothing was written.</summary>
public sealed class JobValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The job is not valid: " + string.Join("; ", errors.SelectMany(e => e.Value.Select(v => $"{e.Key}: {v}"))))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

public sealed class JobNotFoundException(long jobId) : NotFoundException($"Job {jobId} does not exist.")
{
    public long JobId { get; } = jobId;
}

public sealed class HostNotFoundException(long jobId, string hostname) : NotFoundException($"Job {jobId} has no host {hostname}.");

/// <summary>What a control did, in the operator's words (the flash message on the dashboard, the audit detail).</summary>
public sealed record ControlResult(JobControl Control, string Message);
