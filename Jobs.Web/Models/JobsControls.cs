using Jobs.Core.Domain;

namespace Jobs.Web.Models;

/// <summary>The operator controls on a job's dashboard.</summary>
public enum JobControl
{
    StartNow,
    Pause,
    Resume,
    Abort,
    RetryFailed,
    Approve,
}

/// <summary>
/// The one place that decides which controls a job offers. It mirrors the guards of the <see cref="Job"/> state
/// machine, so a button is only shown when the transition behind it can succeed; the engine still has the last
/// word (a race answers with <see cref="InvalidTransitionException"/>, shown as a message).
/// </summary>
public static class JobControls
{
    public static IReadOnlyList<JobControl> Allowed(JobStatus status, int failedOrTimedOut)
    {
        var allowed = new List<JobControl>(3);
        if (status is JobStatus.Scheduled) allowed.Add(JobControl.StartNow);
        if (status is JobStatus.Scheduled or JobStatus.Running or JobStatus.AwaitingApproval) allowed.Add(JobControl.Pause);
        if (status is JobStatus.Paused) allowed.Add(JobControl.Resume);
        if (status is JobStatus.AwaitingApproval) allowed.Add(JobControl.Approve);
        if (status is JobStatus.Paused or JobStatus.CompletedWithFailures && failedOrTimedOut > 0) allowed.Add(JobControl.RetryFailed);
        if (!status.IsTerminal()) allowed.Add(JobControl.Abort);
        return allowed;
    }

    /// <summary>URL segment and JSON name of a control (<c>retry-failed</c>).</summary>
    public static string Slug(JobControl control) => control switch
    {
        JobControl.RetryFailed => "retry-failed",
        JobControl.StartNow => "start-now",
        _ => control.ToString().ToLowerInvariant(),
    };

    public static string Label(JobControl control) => control switch
    {
        JobControl.RetryFailed => "Retry failed",
        JobControl.Approve => "Approve next batch",
        JobControl.StartNow => "Start now",
        _ => control.ToString(),
    };

    /// <summary>Past tense for the confirmation message.</summary>
    public static string Done(JobControl control) => control switch
    {
        JobControl.Pause => "paused",
        JobControl.Resume => "resumed",
        JobControl.Abort => "aborted",
        JobControl.RetryFailed => "retrying failed hosts",
        JobControl.Approve => "approved: the next batch starts",
        JobControl.StartNow => "starts now",
        _ => control.ToString(),
    };

    public static string ButtonClass(JobControl control) => control switch
    {
        JobControl.Pause => "btn-warning",
        JobControl.Resume => "btn-success",
        JobControl.Abort => "btn-outline-danger",
        JobControl.RetryFailed => "btn-outline-primary",
        JobControl.Approve => "btn-primary",
        JobControl.StartNow => "btn-primary",
        _ => "btn-secondary",
    };
}
