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
    /// Remaining time at the running rate only (issue 9, item 15): the hosts left in each batch run in waves of
    /// <c>min(parallelism, batch size)</c>, each wave as long as a host took so far (the latest batch's median), plus
    /// the bake time after each batch still to come. Time spent paused, awaiting approval or waiting for a gate does not
    /// slow the estimate down, so it is right again the moment a paused job resumes. Null unless the job is Running and
    /// some host finished (nothing to measure yet).
    /// </summary>
    public static TimeSpan? Eta(JobStatus status, int parallelism, int bakeSeconds, IReadOnlyList<BatchProgress> batches)
    {
        if (status != JobStatus.Running) return null;
        if (batches.Where(b => b.DurationP50Ms is not null).MaxBy(b => b.Index)?.DurationP50Ms is not { } hostMs) return null;
        double seconds = 0;
        foreach (var b in batches.Where(b => b.NotDone > 0))
        {
            var width = Math.Max(1, Math.Min(parallelism, b.Size));
            seconds += Math.Ceiling(b.NotDone / (double)width) * hostMs / 1000.0 + bakeSeconds;
        }
        return TimeSpan.FromSeconds(Math.Round(seconds));
    }
}

/// <summary>What <see cref="JobProgress.Eta"/> needs of one batch: its size, hosts not finished yet, the median host
/// duration measured in it.</summary>
public sealed record BatchProgress(int Index, int Size, int NotDone, int? DurationP50Ms);
