using Jobs.Core.Domain;

namespace Jobs.Web.Models;

/// <summary>
/// Which live jobs need an operator and why (issue 9, "attention on the home page"): one that waits for approval,
/// one a failed gate stopped, one whose hosts are failing. One definition for the order and the words.
/// </summary>
public static class JobAttention
{
    /// <summary>0 = most urgent; <see cref="None"/> when the job needs nobody.</summary>
    public static int Rank(JobListItem j) => j switch
    {
        { Status: JobStatus.AwaitingApproval } => 0,
        { Status: JobStatus.Paused, StopKind: JobStopKind.Gate } => 1,
        { Status: JobStatus.Paused, StopKind: JobStopKind.System } => 2,
        { Status: JobStatus.Running or JobStatus.Paused, Counts.FailedOrTimedOut: > 0 } => 3,
        _ => None,
    };

    public const int None = 9;

    /// <summary>Why the job is listed, in a few words; null when it needs nobody.</summary>
    public static string? Reason(JobListItem j) => Rank(j) switch
    {
        0 => $"waits for approval after batch {j.CurrentBatch} of {j.BatchCount}",
        1 => "stopped by a gate" + (j.StopReason is { Length: > 0 } r ? ": " + r : ""),
        2 => "paused: the executor does not answer" + (j.StopReason is { Length: > 0 } r ? " (" + r + ")" : ""),
        3 => $"{JobsDisplay.Plural(j.Counts.FailedOrTimedOut, "host")} failed so far",
        _ => null,
    };

    public static IReadOnlyList<(JobListItem Job, string Reason)> Of(IEnumerable<JobListItem> active) =>
        active.Select(j => (Job: j, Reason: Reason(j))).Where(x => x.Reason is not null)
            .OrderBy(x => Rank(x.Job)).ThenByDescending(x => x.Job.Id).Select(x => (x.Job, x.Reason!)).ToList();
}
