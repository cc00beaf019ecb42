using Jobs.Core.Domain;

namespace Jobs.Web.Models;

/// <summary>
/// What the dashboard says about a state that needs an operator (issue 9, item 7): for a job awaiting approval, which
/// batch finished, that the job waits, who may approve and what approving starts. One source for the page and the
/// live refresh.
/// </summary>
public static class JobNotice
{
    /// <summary>Who may approve; sign-in gives this to the Operator role.</summary>
    public const string Approvers = "Anyone with the Operator role may approve";

    /// <summary>The batch a job awaiting approval waits after (the last one that ran), else null.</summary>
    public static BatchRow? AwaitingBatch(JobSummary job) =>
        job.Status == JobStatus.AwaitingApproval
            ? job.Batches.Where(b => b.Status is BatchStatus.Verifying or BatchStatus.Succeeded).MaxBy(b => b.Index)
            : null;

    /// <summary>The sentence shown above the numbers, or null when the state speaks for itself.</summary>
    public static string? For(JobSummary job)
    {
        if (AwaitingBatch(job) is not { } b) return null;
        var total = job.Batches.Count;
        var failed = b.Counts.FailedOrTimedOut;
        var finished = $"Batch {b.Index} of {total} finished ({JobsDisplay.Plural(b.Counts.Succeeded, "host")} succeeded, {failed} failed) "
            + "and passed its checks. The job waits for approval before it goes on. " + Approvers + ". ";
        var next = job.Batches.FirstOrDefault(x => x.Index == b.Index + 1);
        return finished + (next is null
            ? "Approving finishes the job; no batch is left."
            : $"Approving starts batch {next.Index} of {total} ({JobsDisplay.Plural(next.Size, "host")}).");
    }

    /// <summary>A batch's status badge: the batch a job waits after reads "Awaiting approval", not "Verifying".</summary>
    public static (string Label, string Tone, string? Gate) Batch(JobSummary job, BatchRow b) =>
        AwaitingBatch(job) is { } waiting && waiting.Index == b.Index && b.Status == BatchStatus.Verifying
            ? ("Awaiting approval", StatusText.Tone(JobStatus.AwaitingApproval), "checks passed · waiting for approval")
            : (StatusText.Label(b.Status), StatusText.Tone(b.Status), b.GateReason);
}
