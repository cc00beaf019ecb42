namespace Jobs.Core.Domain;

/// <summary>
/// The operator controls on a job (and on one host of a job). Which statuses allow each one is decided in
/// <see cref="Job"/> (<see cref="Job.Allows"/>), next to the transitions that enforce it; the wording is here, once,
/// for the dashboard buttons, the routes (<c>POST /jobs/{id}/{slug}</c>, <c>POST /api/v1/jobs/{id}/{slug}</c>) and the API.
/// </summary>
public enum JobControl
{
    Pause = 0,
    Resume = 1,
    Abort = 2,
    /// <summary>Failed and timed-out hosts of finished batches run again; their batches are gated again and the job
    /// then pauses before the next batch (an explicit resume goes on).</summary>
    RetryFailed = 3,
    Approve = 4,
    /// <summary>Host control: a host that has not started yet is skipped.</summary>
    SkipHost = 5,
    /// <summary>Host control: one failed or timed-out host runs again, as <see cref="RetryFailed"/> does for all.</summary>
    RetryHost = 6,
    /// <summary>A scheduled job starts now instead of at its start time (issue 9).</summary>
    StartNow = 7,
}

/// <summary>The one mapping from a control to its route slug and its operator-facing words.</summary>
public static class JobControlText
{
    public static IReadOnlyList<JobControl> All { get; } = Enum.GetValues<JobControl>();

    /// <summary>Controls that act on one host of the job (their routes end in <c>hosts/{hostname}/{slug}</c>).</summary>
    public static bool IsHostControl(JobControl c) => c is JobControl.SkipHost or JobControl.RetryHost;

    /// <summary>URL segment and JSON name: <c>retry-failed</c>, <c>skip</c>.</summary>
    public static string Slug(JobControl c) => c switch
    {
        JobControl.RetryFailed => "retry-failed",
        JobControl.SkipHost => "skip",
        JobControl.RetryHost => "retry",
        JobControl.StartNow => "start-now",
        _ => c.ToString().ToLowerInvariant(),
    };

    public static JobControl? FromSlug(string slug, bool hostControl) =>
        All.Where(c => IsHostControl(c) == hostControl && Slug(c) == slug).Select(c => (JobControl?)c).FirstOrDefault();

    /// <summary>Button label.</summary>
    public static string Label(JobControl c) => c switch
    {
        JobControl.RetryFailed => "Retry failed",
        JobControl.Approve => "Approve next batch",
        JobControl.SkipHost => "Skip this host",
        JobControl.RetryHost => "Retry this host",
        JobControl.StartNow => "Start now",
        _ => c.ToString(),
    };

    /// <summary>What the button does, for its tooltip and the docs.</summary>
    public static string Help(JobControl c) => c switch
    {
        JobControl.Pause => "No new host starts; hosts in flight finish.",
        JobControl.Resume => "Carry on with the next hosts and batches.",
        JobControl.Abort => "Cancel hosts in flight and skip every host that has not started. Cannot be undone.",
        JobControl.RetryFailed => "Run the failed and timed-out hosts again and re-check their batch's gates; the job then pauses until you resume it.",
        JobControl.Approve => "Start the next batch.",
        JobControl.SkipHost => "This host will not run in this job.",
        JobControl.RetryHost => "Run this host again and re-check its batch's gates; the job then pauses until you resume it.",
        JobControl.StartNow => "Start this scheduled job now instead of at its start time.",
        _ => "",
    };
}
