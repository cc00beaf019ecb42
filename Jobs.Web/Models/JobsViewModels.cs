using Jobs.Core.Domain;

namespace Jobs.Web.Models;

/// <summary>Host counts of a job or batch, always summed from the batch counter columns (never by counting host rows).</summary>
public sealed record HostCounts(int Total, int Pending, int Running, int Succeeded, int Failed, int TimedOut, int Canceled, int Skipped)
{
    public static HostCounts Empty(int total) => new(total, total, 0, 0, 0, 0, 0, 0);

    /// <summary>Hosts with a final state, skipped ones included (nothing more will happen to them).</summary>
    public int Done => Succeeded + Failed + TimedOut + Canceled + Skipped;
    /// <summary>Hosts that ran (see <see cref="JobProgress.Ran"/>): what progress counts.</summary>
    public int Ran => JobProgress.Ran(Succeeded, Failed, TimedOut, Canceled);
    public int FailedOrTimedOut => Failed + TimedOut;
    public double ProgressPercent => JobProgress.Percent(Ran, Total);
    public double SucceededPercent => Total == 0 ? 0 : Succeeded * 100.0 / Total;
    public double FailedPercent => Total == 0 ? 0 : FailedOrTimedOut * 100.0 / Total;
    /// <summary>Canceled hosts (they ran, without a verdict); skipped ones are left out of the bar.</summary>
    public double OtherDonePercent => Total == 0 ? 0 : Canceled * 100.0 / Total;

    /// <summary>Success rate over hosts that finished with a verdict (succeeded, failed, timed out).</summary>
    public double? SuccessRate => JobProgress.SuccessRate(Succeeded, Failed, TimedOut);

    public int Count(HostStatus s) => s switch
    {
        HostStatus.Pending => Pending,
        HostStatus.Running => Running,
        HostStatus.Succeeded => Succeeded,
        HostStatus.Failed => Failed,
        HostStatus.TimedOut => TimedOut,
        HostStatus.Canceled => Canceled,
        HostStatus.Skipped => Skipped,
        _ => 0,
    };
}

/// <summary>One line of the job list or the home page.</summary>
public sealed record JobListItem(
    long Id,
    string Name,
    string Executor,
    JobStatus Status,
    string? StopReason,
    string CreatedBy,
    DateTime CreatedAt,
    DateTime? StartAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    int BatchCount,
    int CurrentBatch,
    HostCounts Counts,
    JobStopKind? StopKind = null)
{
    /// <summary>"aborted at batch 1 of 11; 170 skipped" for an aborted job, else null.</summary>
    public string? StoppedAt => JobProgress.StoppedAt(Status, CurrentBatch, BatchCount, Counts.Skipped);
}

public sealed record JobListQuery(JobStatus? Status, string? Executor, string? Name, int Page);

public sealed class JobListViewModel
{
    public required JobListQuery Query { get; init; }
    public required PageOf<JobListItem> Jobs { get; init; }
    public required IReadOnlyList<string> Executors { get; init; }
}

public sealed class HomeViewModel
{
    public required IReadOnlyList<JobListItem> Active { get; init; }
    public required IReadOnlyList<JobListItem> Recent { get; init; }
    /// <summary>Live jobs that need an operator, most urgent first (see <see cref="JobAttention"/>).</summary>
    public IReadOnlyList<(JobListItem Job, string Reason)> Attention { get; init; } = [];
    public required int ServerCount { get; init; }
    public required int ExecutorCount { get; init; }
}

/// <summary>One batch row on the dashboard and in the export.</summary>
public sealed record BatchRow(
    int Index,
    int Size,
    BatchStatus Status,
    HostCounts Counts,
    bool? GatePassed,
    string? GateReason,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    DateTime? BakeUntil,
    int? P50Ms,
    int? P95Ms,
    string? ApprovedBy,
    DateTime? ApprovedAt)
{
    public TimeSpan? Duration(DateTime now) => StartedAt is { } s ? (FinishedAt ?? now) - s : null;
}

/// <summary>Everything the dashboard header and batch table show; small (one job row + its batches).</summary>
public sealed class JobSummary
{
    public required long Id { get; init; }
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required string Filter { get; init; }
    public required string Executor { get; init; }
    public required string ParametersJson { get; init; }
    public required string BatchPlan { get; init; }
    public required int Parallelism { get; init; }
    public required int HostTimeoutSeconds { get; init; }
    public required bool Stratify { get; init; }
    public required decimal? MaxPerAppPercent { get; init; }
    public required GateSettings Gates { get; init; }
    public required GateFailureAction OnGateFailure { get; init; }
    public required JobStatus Status { get; init; }
    public required string? StopReason { get; init; }
    public required string CreatedBy { get; init; }
    /// <summary>The person behind <see cref="CreatedBy"/> (an API key's owner); the two-person rule compares it.</summary>
    public string CreatedByUser { get; init; } = "";
    /// <summary>The two-person rule's match (null when the command is not dangerous) and who approved it to start.</summary>
    public string? DangerousCommand { get; init; }
    public string? SecondApprover { get; init; }
    public bool AwaitsSecondApproval => DangerousCommand is not null && SecondApprover is null;
    public required DateTime CreatedAt { get; init; }
    public required DateTime? StartAt { get; init; }
    public required DateTime? StartedAt { get; init; }
    public required DateTime? FinishedAt { get; init; }
    public required int ExcludedHosts { get; init; }
    public required HostCounts Counts { get; init; }
    public required IReadOnlyList<BatchRow> Batches { get; init; }
    /// <summary>Server time the summary was read at; elapsed and ETA are relative to it.</summary>
    public required DateTime Now { get; init; }
    /// <summary>Bumped by every state transition: a message about an earlier state is stale once it differs.</summary>
    public int Version { get; init; }
    /// <summary>Hosts finished over time (see <see cref="JobLiveDto.Bucket"/>).</summary>
    public IReadOnlyList<TimelinePoint> Timeline { get; init; } = [];

    public bool IsTerminal => Status.IsTerminal();

    public TimeSpan? Elapsed => StartedAt is { } s ? (FinishedAt ?? Now) - s : null;

    /// <summary>Remaining time; see <see cref="JobProgress.Eta"/>.</summary>
    public TimeSpan? Eta => JobProgress.Eta(Status, Parallelism, Gates.BakeSeconds,
        Batches.Select(b => new BatchProgress(b.Index, b.Size, b.Counts.Pending + b.Counts.Running, b.P50Ms)).ToList());

    /// <summary>"aborted at batch 1 of 11; 170 skipped" for an aborted job, else null.</summary>
    public string? StoppedAt => JobProgress.StoppedAt(Status,
        Batches.Where(b => JobProgress.Started(b.Status)).Select(b => b.Index).DefaultIfEmpty(0).Max(), Batches.Count, Counts.Skipped);

    public BatchRow? CurrentBatch =>
        Batches.FirstOrDefault(b => b.Status is BatchStatus.Running or BatchStatus.Verifying)
        ?? Batches.LastOrDefault(b => b.Status != BatchStatus.Pending);

    public IReadOnlyList<JobControl> Controls => Job.AllowedControls(Status, Counts.FailedOrTimedOut);
}

public sealed record HostRow(
    string Hostname,
    string Ip,
    string Idc,
    string Env,
    string App,
    int BatchIndex,
    HostStatus Status,
    int Attempt,
    int? ExitCode,
    ErrorCategory? Category,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    int? DurationMs,
    /// <summary>The first line of stderr, so failures are readable in the table (issue 9, item 15).</summary>
    string? ErrorLine = null);

/// <param name="Error">Only failed or timed-out hosts whose stderr contains this (a failure group's message).</param>
public sealed record HostListQuery(HostStatus? State, int? Batch, string? Search, int Page, string? Error = null);

/// <summary>Failed or timed-out hosts sharing the first line of their stderr ("17 hosts: connection refused").</summary>
public sealed record FailureGroup(string Message, int Hosts);

/// <summary>The failure groups of a job, largest first; <see cref="Scanned"/> failed hosts were read to build them.</summary>
public sealed record FailureGroups(IReadOnlyList<FailureGroup> Groups, int Scanned, int Failed);

public sealed class JobDashboardViewModel
{
    public required JobSummary Job { get; init; }
    public required HostListQuery HostQuery { get; init; }
    public required PageOf<HostRow> Hosts { get; init; }
    public required IReadOnlyList<JobExclusionRow> ExclusionSample { get; init; }
    public required bool ExecutorIsSimulation { get; init; }
}

public sealed record JobExclusionRow(string Hostname, string Reason);

public sealed record HostAttemptRow(
    int Attempt,
    int BatchIndex,
    HostStatus Status,
    int? ExitCode,
    ErrorCategory? Category,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    string? ExternalRef,
    string? Stdout,
    string? Stderr);

public sealed class HostDetailViewModel
{
    /// <summary>Host controls this host offers now (see <see cref="Job.AllowedHostControls"/>).</summary>
    public IReadOnlyList<JobControl> Controls => Job.AllowedHostControls(JobStatus, Host.Status);

    public required long JobId { get; init; }
    public required string JobName { get; init; }
    public required JobStatus JobStatus { get; init; }
    public required HostRow Host { get; init; }
    public required string? ExternalRef { get; init; }
    public required string? Stdout { get; init; }
    public required string? Stderr { get; init; }
    /// <summary>Earlier attempts (retry-failed keeps them), newest first.</summary>
    public required IReadOnlyList<HostAttemptRow> EarlierAttempts { get; init; }
    /// <summary>The executor and the parameters with this host's placeholders filled in, as the engine sends them.</summary>
    public string Executor { get; init; } = "";
    public string? RenderedParameters { get; init; }
}
