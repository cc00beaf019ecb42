namespace Jobs.Core.Domain;

/// <summary>
/// The one definition of a job's derived progress figures, shared by the dashboard, the JSON API and the export so
/// that an operator never sees two answers for the same job.
/// </summary>
public static class JobProgress
{
    /// <summary>Hosts that ran: finished with a result or canceled while running. Skipped hosts never ran, so an
    /// aborted job's progress says how far it got rather than 100% (issue 9, item 3).</summary>
    public static int Ran(int succeeded, int failed, int timedOut, int canceled) => succeeded + failed + timedOut + canceled;

    /// <summary>Progress, 0..100: hosts that ran over the job's hosts.</summary>
    public static double Percent(int ran, int total) => total == 0 ? 0 : Math.Min(100, ran * 100.0 / total);

    /// <summary>Where an aborted job stopped — "aborted at batch 1 of 11; 170 skipped" — or null for any other status.</summary>
    /// <param name="lastStartedBatch">Highest index of a batch that started (0 = none did).</param>
    public static string? StoppedAt(JobStatus status, int lastStartedBatch, int batchCount, int skipped)
    {
        if (status != JobStatus.Aborted) return null;
        var where = lastStartedBatch == 0 ? $"aborted before batch 1 of {batchCount}" : $"aborted at batch {lastStartedBatch} of {batchCount}";
        return $"{where}; {skipped} skipped";
    }

    /// <summary>A batch that started (it holds hosts that may have run); skipped batches never did.</summary>
    public static bool Started(BatchStatus status) => status is not (BatchStatus.Pending or BatchStatus.Skipped);

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
