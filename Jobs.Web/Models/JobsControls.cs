using Jobs.Core.Domain;

namespace Jobs.Web.Models;

/// <summary>
/// How a control's button looks. Which controls a job offers is <see cref="Job.AllowedControls"/> (the same table its
/// transitions check), their slugs and words are <see cref="JobControlText"/>; only the Bootstrap class is the page's.
/// </summary>
public static class JobControlButtons
{
    /// <summary>The job-level controls posted as a plain form (abort asks for a confirmation first).</summary>
    public static IReadOnlyList<JobControl> Forms { get; } =
        [JobControl.StartNow, JobControl.Approve, JobControl.Pause, JobControl.Resume, JobControl.RetryFailed];

    public static string ButtonClass(JobControl control) => control switch
    {
        JobControl.Pause => "btn-warning",
        JobControl.Resume => "btn-success",
        JobControl.Abort => "btn-outline-danger",
        JobControl.RetryFailed or JobControl.RetryHost => "btn-outline-primary",
        JobControl.Approve or JobControl.StartNow => "btn-primary",
        _ => "btn-outline-secondary",
    };
}
