using Jobs.Core.Domain;
using Jobs.Core.Execution;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Core.Engine;

/// <summary>The engine's view of hosts in flight: orphaned dispatches, polling, and host timeouts.</summary>
public sealed class HostPolling(JobsDbContext db, HostWrites writes, DispatchRecovery recovery, TimeProvider clock)
{
    public const string OrphanReason = "outcome unknown: JOBS stopped during dispatch (the host was not run again)";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>A host claimed (Running) but never given an external reference: its start request's answer was lost, or
    /// the process died between claim and dispatch. The executor is asked (<see cref="DispatchRecovery"/>); a host it
    /// cannot tell about is failed as <see cref="OrphanReason"/>, never dispatched again.</summary>
    public Task SettleOrphanedDispatchesAsync(Job job, IExecutor executor, CancellationToken ct) => recovery.SettleAsync(job, executor, ct);

    /// <summary>Polls in-flight hosts, writes finished results and timeouts in one batched save, and returns how many
    /// are still in flight.</summary>
    /// <exception cref="ExecutorUnavailableException">The executor cannot be asked; nothing was written.</exception>
    public async Task<int> PollAsync(Job job, IExecutor executor, CancellationToken ct)
    {
        var hosts = await db.HostTasks
            .Where(h => h.JobId == job.Id && h.Status == HostStatus.Running && h.ExternalRef != null)
            .ToListAsync(ct);
        if (hosts.Count == 0) return 0;
        var timeout = TimeSpan.FromSeconds(job.HostTimeoutSeconds);
        var inFlight = hosts.Select(h => new InFlightHost(h.Id, h.Hostname, h.ExternalRef!, h.StartedAt ?? Now, timeout)).ToList();
        var results = await executor.PollAsync(inFlight, ct);
        var finished = results.Where(r => r.IsFinished).GroupBy(r => r.HostTaskId).ToDictionary(g => g.Key, g => g.First());
        var timedOut = Record(job, executor, hosts, finished, timeout);
        await writes.SaveHostsAsync(hosts, ct);
        await writes.CancelQuietlyAsync(executor, inFlight.Where(f => timedOut.Contains(f.HostTaskId)).ToList(), ct);
        return hosts.Count(h => h.Status == HostStatus.Running);
    }

    /// <summary>Writes each finished result, and times out the hosts past <c>hostTimeoutSeconds</c>; returns those.</summary>
    private HashSet<long> Record(Job job, IExecutor executor, List<HostTask> hosts, Dictionary<long, HostResult> finished, TimeSpan timeout)
    {
        var now = Now;
        var timedOut = new HashSet<long>();
        foreach (var host in hosts)
        {
            if (finished.TryGetValue(host.Id, out var r))
            {
                host.Finish(r.Status, r.ExitCode, r.Category, r.Stdout, r.Stderr, r.FinishedAt ?? now);
            }
            else if (host.StartedAt is { } started && now - started > timeout)
            {
                host.Finish(HostStatus.TimedOut, null, ErrorCategory.Environment, null,
                    $"timed out after {job.HostTimeoutSeconds} s (hostTimeoutSeconds); canceled through {executor.Name}", now);
                timedOut.Add(host.Id);
            }
        }
        return timedOut;
    }
}
