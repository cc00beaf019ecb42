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
    /// <summary>The template version the job was made from, and what started it when no person did.</summary>
    public long? TemplateId { get; init; }
    public int? TemplateVersion { get; init; }
    public string? TemplateName { get; init; }
    public string? Source { get; init; }
    /// <summary>Why the job waits for an approval before its first batch (its origin asked), and who gave it.</summary>
    public string? StartApprovalReason { get; init; }
    public string? StartApprovedBy { get; init; }
    public bool AwaitsStartApproval => StartApprovalReason is not null && StartApprovedBy is null;
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
