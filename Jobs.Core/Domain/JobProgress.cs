namespace Jobs.Core.Domain;

/// <summary>
/// The one definition of a job's derived progress figures, shared by the dashboard, the JSON API and the export so
/// that an operator never sees two answers for the same job.
/// </summary>
public static class JobProgress
{
    /// <summary>Succeeded over hosts that finished with a verdict (succeeded, failed, timed out), 0..100; null before any.
    /// Canceled and skipped hosts have no verdict and are left out.</summary>
    public static double? SuccessRate(int succeeded, int failed, int timedOut) =>
        succeeded + failed + timedOut == 0 ? null : succeeded * 100.0 / (succeeded + failed + timedOut);

    /// <summary>
    /// Remaining time at the rate hosts finished so far (bake times, approvals and executor speed included as they
    /// were). Null unless the job is Running and something finished: a rate says nothing about a job that is not moving.
    /// </summary>
    public static TimeSpan? Eta(JobStatus status, DateTime? startedAt, DateTime? finishedAt, DateTime now, int total, int done)
    {
        if (status != JobStatus.Running || startedAt is not { } started || done == 0) return null;
        var remaining = total - done;
        if (remaining <= 0) return TimeSpan.Zero;
        var elapsed = (finishedAt ?? now) - started;
        return TimeSpan.FromSeconds(elapsed.TotalSeconds / done * remaining);
    }
}
