using Jobs.Core.Domain;
using Jobs.Core.Execution;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Jobs.Core.Engine;

/// <summary>How the engine writes hosts: set-based writes of references and results that never overwrite a host an
/// operator changed, one set-based "finish these hosts" update, and best-effort cancellation through the executor.</summary>
public sealed class HostWrites(JobsDbContext db, ILogger<HostWrites> logger)
{
    /// <summary>
    /// Writes the results of finished hosts (plain entities, finished in memory through <see cref="HostTask.Finish"/>),
    /// a statement per chunk (<see cref="HostTaskBulkUpdate"/>), each row only where the host is still Running: a host an
    /// operator aborted meanwhile is not overwritten. Returns those hosts.
    /// </summary>
    public Task<List<HostTask>> SaveResultsAsync(IReadOnlyList<HostTask> hosts, CancellationToken ct) =>
        HostTaskBulkUpdate.WriteRunningAsync(db, hosts, HostTaskBulkUpdate.Result, ct);

    /// <summary>Writes the external references of started hosts (<see cref="HostTask.MarkDispatched"/>), likewise only
    /// where the host is still Running; returns the hosts an operator aborted meanwhile.</summary>
    public Task<List<HostTask>> SaveReferencesAsync(IReadOnlyList<HostTask> hosts, CancellationToken ct) =>
        HostTaskBulkUpdate.WriteRunningAsync(db, hosts, HostTaskBulkUpdate.Reference, ct);

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
