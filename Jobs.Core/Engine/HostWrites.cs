using Jobs.Core.Domain;
using Jobs.Core.Execution;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Jobs.Core.Engine;

/// <summary>How the engine writes host results: batched saves that never overwrite a host an operator changed, one
/// set-based "finish these hosts" update, and best-effort cancellation through the executor.</summary>
public sealed class HostWrites(JobsDbContext db, ILogger<HostWrites> logger)
{
    /// <summary>
    /// Saves host changes in one batched SaveChanges. The host status is a concurrency token, so a host an operator
    /// aborted meanwhile is not overwritten: those hosts are left out and returned.
    /// </summary>
    public async Task<List<HostTask>> SaveHostsAsync(List<HostTask> hosts, CancellationToken ct)
    {
        var lost = new List<HostTask>();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await db.SaveChangesAsync(ct);
                return lost;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                lost.AddRange(await DetachChangedAsync(hosts, ct));
            }
        }
    }

    private async Task<List<HostTask>> DetachChangedAsync(List<HostTask> hosts, CancellationToken ct)
    {
        var ids = hosts.Select(h => h.Id).ToList();
        var stillRunning = await db.HostTasks.AsNoTracking()
            .Where(h => ids.Contains(h.Id) && h.Status == HostStatus.Running).Select(h => h.Id).ToListAsync(ct);
        var lost = hosts.Where(h => !stillRunning.Contains(h.Id) && db.Entry(h).State != EntityState.Detached).ToList();
        foreach (var h in lost) db.Entry(h).State = EntityState.Detached;
        // Job and batch changes are saved separately, under the job's own version check.
        foreach (var e in db.ChangeTracker.Entries<Job>().Where(e => e.State == EntityState.Modified).ToList())
            e.State = EntityState.Unchanged;
        foreach (var e in db.ChangeTracker.Entries<Batch>().Where(e => e.State == EntityState.Modified).ToList())
            e.State = EntityState.Unchanged;
        return lost;
    }

    /// <summary>Finishes every host of <paramref name="hosts"/> at once (orphaned dispatches, an abort's in-flight
    /// hosts). Set-based: a job may hold 100,000 hosts. Returns how many changed.</summary>
    public static Task<int> FinishAllAsync(IQueryable<HostTask> hosts, HostStatus status, ErrorCategory? category, string reason,
        DateTime now, CancellationToken ct) =>
        hosts.ExecuteUpdateAsync(s => s
            .SetProperty(h => h.Status, status)
            .SetProperty(h => h.Category, category)
            .SetProperty(h => h.Stderr, reason)
            .SetProperty(h => h.FinishedAt, now), ct);

    public async Task CancelQuietlyAsync(IExecutor executor, IReadOnlyList<InFlightHost> hosts, CancellationToken ct)
    {
        if (hosts.Count == 0) return;
        try
        {
            await executor.CancelAsync(hosts, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Best effort: the hosts are recorded as finished either way; the executor may finish them on its side.
            EngineLog.CancelFailed(logger, ex, executor.Name, hosts.Count);
        }
    }
}
