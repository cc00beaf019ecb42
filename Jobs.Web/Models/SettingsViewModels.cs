using Jobs.Core.Execution;

namespace Jobs.Web.Models;

/// <summary>The Settings → Executors page.</summary>
public sealed record ExecutorsPage(IReadOnlyList<ExecutorRow> Executors);

/// <summary>One executor as shown: its descriptor plus display-safe configuration facts.</summary>
public sealed record ExecutorRow(ExecutorDescriptor Descriptor, string CredentialKind, int? TimeoutSeconds, bool VerifyTls, ExecutorTestOutcome? LastTest);

/// <summary>The outcome of the last Test connection, carried through the redirect.</summary>
public sealed record ExecutorTestOutcome(string Name, bool Ok, string Message, long ElapsedMs, DateTime TestedAt);
