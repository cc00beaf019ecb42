using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Core.Engine;

/// <summary>
/// Refreshes a batch's host counters and duration percentiles from its hosts: one grouped query per batch plus
/// two indexed single-row lookups for p50/p95. Reads (dashboard, API) then use the counters and never count rows.
/// </summary>
internal static class BatchCounters
{
    public static async Task RefreshAsync(JobsDbContext db, Batch batch, CancellationToken ct)
    {
        var groups = await db.HostTasks.AsNoTracking()
            .Where(h => h.BatchId == batch.Id)
            .GroupBy(h => h.Status)
            .Select(g => new { Status = g.Key, Count = g.Count(), Timed = g.Count(h => h.DurationMs != null) })
            .ToListAsync(ct);
        int Count(HostStatus s) => groups.FirstOrDefault(g => g.Status == s)?.Count ?? 0;
        var timed = groups.Sum(g => g.Timed);
        int? p50 = null, p95 = null;
        if (timed > 0)
        {
            p50 = await PercentileAsync(db, batch.Id, timed, 0.50, ct);
            p95 = await PercentileAsync(db, batch.Id, timed, 0.95, ct);
        }
        batch.SetCounts(Count(HostStatus.Pending), Count(HostStatus.Running), Count(HostStatus.Succeeded), Count(HostStatus.Failed),
            Count(HostStatus.TimedOut), Count(HostStatus.Canceled), Count(HostStatus.Skipped), p50, p95);
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
