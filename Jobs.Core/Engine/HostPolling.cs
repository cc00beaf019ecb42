using Jobs.Core.Domain;
using Jobs.Core.Execution;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Core.Engine;

/// <summary>What a poll found: hosts still in flight, hosts it finished, and when to look again — <paramref name="DueAt"/>
/// (the executor's hint or the first host timeout) or earlier when <paramref name="Change"/> completes.</summary>
public sealed record PollOutcome(int InFlight, int Finished, DateTimeOffset? DueAt, Task? Change)
{
    public static readonly PollOutcome Nothing = new(0, 0, null, null);
}

/// <summary>The engine's view of hosts in flight: orphaned dispatches, polling, and host timeouts.</summary>
public sealed class HostPolling(JobsDbContext db, HostWrites writes, DispatchRecovery recovery, TimeProvider clock)
{
    public const string OrphanReason = "outcome unknown: JOBS stopped during dispatch (the host was not run again)";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>A host claimed (Running) but never given an external reference: its start request's answer was lost, or
    /// the process died between claim and dispatch. The executor is asked (<see cref="DispatchRecovery"/>); a host it
    /// cannot tell about is failed as <see cref="OrphanReason"/>, never dispatched again.</summary>
    public Task SettleOrphanedDispatchesAsync(Job job, IExecutor executor, CancellationToken ct) => recovery.SettleAsync(job, executor, ct);

    /// <summary>Polls in-flight hosts, writes finished results and timeouts set-based, and says how many are still in
    /// flight and when the next of them may be done.</summary>
    /// <exception cref="ExecutorUnavailableException">The executor cannot be asked; nothing was written.</exception>
    public async Task<PollOutcome> PollAsync(Job job, IExecutor executor, CancellationToken ct)
    {
        var hosts = await db.HostTasks.AsNoTracking()
            .Where(h => h.JobId == job.Id && h.Status == HostStatus.Running && h.ExternalRef != null)
            .ToListAsync(ct);
        if (hosts.Count == 0) return PollOutcome.Nothing;
        var timing = executor as IPollTiming;
        var change = timing?.NextChange; // before the poll: a change after it still wakes the loop
        var timeout = TimeSpan.FromSeconds(job.HostTimeoutSeconds);
        var inFlight = hosts.Select(h => new InFlightHost(h.Id, h.Hostname, h.ExternalRef!, h.StartedAt ?? Now, timeout)).ToList();
        var results = await executor.PollAsync(inFlight, ct);
        var finished = results.Where(r => r.IsFinished).GroupBy(r => r.HostTaskId).ToDictionary(g => g.Key, g => g.First());
        var timedOut = Record(job, executor, hosts, finished, timeout);
        var done = hosts.Where(h => h.Status != HostStatus.Running).ToList();
        await writes.SaveResultsAsync(done, ct);
        await writes.CancelQuietlyAsync(executor, inFlight.Where(f => timedOut.Contains(f.HostTaskId)).ToList(), ct);
        var running = inFlight.Where(f => !finished.ContainsKey(f.HostTaskId) && !timedOut.Contains(f.HostTaskId)).ToList();
        return new PollOutcome(running.Count, done.Count, NextDue(timing, running), change);
    }

    /// <summary>The earliest of the executor's hint and the first host timeout.</summary>
    private static DateTimeOffset? NextDue(IPollTiming? timing, IReadOnlyList<InFlightHost> running)
    {
        if (running.Count == 0) return null;
        // A host times out once strictly more than its timeout has passed: look a millisecond after.
        var timeout = new DateTimeOffset(DateTime.SpecifyKind(running.Min(h => h.StartedAt + h.Timeout), DateTimeKind.Utc)).AddMilliseconds(1);
        return timing?.NextDueAt(running) is { } hint && hint < timeout ? hint : timeout;
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
