using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Core.Engine;

/// <summary>
/// Refreshes batches' host counters and duration percentiles from their hosts: one grouped query for all the batches
/// given, plus two indexed single-row lookups for p50/p95 of a batch whose finished hosts changed. Reads (dashboard,
/// API) then use the counters and never count rows.
/// </summary>
internal static class BatchCounters
{
    public static Task RefreshAsync(JobsDbContext db, Batch batch, CancellationToken ct) => RefreshAsync(db, [batch], ct);

    public static async Task RefreshAsync(JobsDbContext db, IReadOnlyCollection<Batch> batches, CancellationToken ct)
    {
        if (batches.Count == 0) return;
        var ids = batches.Select(b => b.Id).ToList();
        var groups = await db.HostTasks.AsNoTracking()
            .Where(h => ids.Contains(h.BatchId))
            .GroupBy(h => new { h.BatchId, h.Status })
            .Select(g => new { g.Key.BatchId, g.Key.Status, Count = g.Count(), Timed = g.Count(h => h.DurationMs != null) })
            .ToListAsync(ct);
        foreach (var batch in batches)
        {
            var mine = groups.Where(g => g.BatchId == batch.Id).ToList();
            int Count(HostStatus s) => mine.FirstOrDefault(g => g.Status == s)?.Count ?? 0;
            var timed = mine.Sum(g => g.Timed);
            var (p50, p95) = (batch.DurationP50Ms, batch.DurationP95Ms);
            var finishedChanged = Count(HostStatus.Succeeded) != batch.Succeeded || Count(HostStatus.Failed) != batch.Failed
                || Count(HostStatus.TimedOut) != batch.TimedOut || Count(HostStatus.Canceled) != batch.Canceled
                || (timed > 0) != (p50 is not null);
            if (finishedChanged)
            {
                (p50, p95) = (null, null);
                if (timed > 0)
                {
                    p50 = await PercentileAsync(db, batch.Id, timed, 0.50, ct);
                    p95 = await PercentileAsync(db, batch.Id, timed, 0.95, ct);
                }
            }
            batch.SetCounts(Count(HostStatus.Pending), Count(HostStatus.Running), Count(HostStatus.Succeeded), Count(HostStatus.Failed),
                Count(HostStatus.TimedOut), Count(HostStatus.Canceled), Count(HostStatus.Skipped), p50, p95);
        }
    }

    /// <summary>Nearest-rank percentile over the batch's host durations.</summary>
    private static Task<int?> PercentileAsync(JobsDbContext db, long batchId, int n, double p, CancellationToken ct)
    {
        var rank = Math.Max(1, (int)Math.Ceiling(p * n));
        return db.HostTasks.AsNoTracking()
            .Where(h => h.BatchId == batchId && h.DurationMs != null)
            .OrderBy(h => h.DurationMs)
            .Select(h => h.DurationMs)
            .Skip(rank - 1)
            .FirstOrDefaultAsync(ct);
    }
}
