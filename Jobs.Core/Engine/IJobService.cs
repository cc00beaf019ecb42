using System.Text.Json.Nodes;
using Jobs.Core.Auditing;
using Jobs.Core.Domain;

namespace Jobs.Core.Engine;

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

    /// <exception cref="JobNotFoundException"/>
    /// <exception cref="InvalidTransitionException">The control does not fit the job's status (API: 409).</exception>
    Task PauseAsync(long jobId, Actor actor, CancellationToken cancellationToken);

    /// <summary>A scheduled job starts now instead of at its start time.</summary>
    /// <exception cref="InvalidTransitionException">The job is not Scheduled.</exception>
    Task StartNowAsync(long jobId, Actor actor, CancellationToken cancellationToken);

    Task ResumeAsync(long jobId, Actor actor, CancellationToken cancellationToken);

    Task AbortAsync(long jobId, Actor actor, CancellationToken cancellationToken);

    /// <summary>Failed and timed-out hosts of finished batches run again as a new attempt; returns how many.</summary>
    Task<int> RetryFailedAsync(long jobId, Actor actor, CancellationToken cancellationToken);

    /// <summary>Approves the next batch, or — for a job held by the two-person rule — lets it start.</summary>
    /// <exception cref="TwoPersonRuleException">The approver is the job's creator or not an Admin (audited; API: 403).</exception>
    Task ApproveAsync(long jobId, Actor actor, CancellationToken cancellationToken);
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
    /// <summary>Max hosts in flight for the job; default 20.</summary>
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

public sealed class JobNotFoundException(long jobId) : Exception($"Job {jobId} does not exist.")
{
    public long JobId { get; } = jobId;
}
