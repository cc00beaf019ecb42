using Jobs.Core.Domain;

namespace Jobs.Web.Models;

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
    JobStopKind? StopKind = null,
    bool Pinned = false)
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
