using Jobs.Core.Domain;
using Jobs.Core.Execution;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Jobs.Core.Engine;

/// <summary>
/// Settles hosts claimed (Running) without an external reference — a start request whose answer was lost, or a process
/// that died between claim and dispatch — by asking the executor (<see cref="IExecutor.RecoverAsync"/>) instead of
/// guessing: found → the reference is recorded and polled; never received → pending again (sent by a later dispatch);
/// unknown → failed as "outcome unknown", never sent again. docs/decisions/0011-recovering-lost-dispatches.md.
/// </summary>
/// <remarks>Every write is conditional on the host still being claimed (Running; back to pending only without a
/// reference), so an operator's abort that came meanwhile wins. Hosts are read untracked and written set-based.</remarks>
public sealed class DispatchRecovery(JobsDbContext db, HostWrites writes, TimeProvider clock, ILogger<DispatchRecovery> logger)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task SettleAsync(Job job, IExecutor executor, CancellationToken ct)
    {
        var orphans = await Unsettled(job.Id).AsNoTracking().OrderBy(h => h.Position).ToListAsync(ct);
        if (orphans.Count == 0) return;
        IReadOnlyList<RecoveredDispatch> answers;
        try
        {
            answers = await executor.RecoverAsync(HostDispatch.Work(job, orphans), ct);
        }
        catch (ExecutorUnavailableException ex)
        {
            // Asked again at the next step; the hosts keep their claim (and their parallelism slots) meanwhile.
            EngineLog.RecoveryDeferred(logger, job.Id, executor.Name, orphans.Count, ex.Message);
            return;
        }
        var byId = answers.GroupBy(a => a.HostTaskId).ToDictionary(g => g.Key, g => g.First());
        var verdicts = orphans.ToDictionary(h => h, h => byId.GetValueOrDefault(h.Id) ?? RecoveredDispatch.Unknown(h.Id));
        var resent = await BackToPendingAsync(verdicts.Where(v => v.Value.Verdict == RecoveryVerdict.NotReceived).Select(v => v.Key).ToList());
        var (found, failed) = (0, 0);
        foreach (var (h, answer) in verdicts.Where(v => v.Value.Verdict != RecoveryVerdict.NotReceived))
        {
            if (answer.Outcome?.ExternalRef is { } reference)
            {
                h.MarkDispatched(reference);
                found++;
            }
            else if (answer is { Verdict: RecoveryVerdict.Found, Outcome.ImmediateResult: { } r })
            {
                // Taken, but finished at once (e.g. salt's "minion not connected").
                h.Finish(r.Status.IsTerminal() ? r.Status : HostStatus.Failed, r.ExitCode, r.Category, r.Stdout, r.Stderr, r.FinishedAt ?? Now);
                found++;
            }
            else
            {
                h.Finish(HostStatus.Failed, null, ErrorCategory.System, null, HostPolling.OrphanReason, Now);
                failed++;
            }
        }
        var settled = verdicts.Where(v => v.Value.Verdict != RecoveryVerdict.NotReceived).Select(v => v.Key).ToList();
        await writes.SaveReferencesAsync(settled.Where(h => h.Status == HostStatus.Running).ToList(), CancellationToken.None);
        await writes.SaveResultsAsync(settled.Where(h => h.Status != HostStatus.Running).ToList(), CancellationToken.None);
        if (failed > 0) EngineLog.Orphans(logger, job.Id, failed);
        if (found + resent > 0) EngineLog.Recovered(logger, job.Id, executor.Name, found, resent);
    }

    private IQueryable<HostTask> Unsettled(long jobId) =>
        db.HostTasks.Where(h => h.JobId == jobId && h.Status == HostStatus.Running && h.ExternalRef == null);

    /// <summary>Never received by the executor: pending again, conditional on still being claimed without a reference.</summary>
    private async Task<int> BackToPendingAsync(List<HostTask> hosts)
    {
        if (hosts.Count == 0) return 0;
        var ids = hosts.Select(h => h.Id).ToList();
        return await db.HostTasks.Where(h => ids.Contains(h.Id) && h.Status == HostStatus.Running && h.ExternalRef == null)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Status, HostStatus.Pending).SetProperty(h => h.StartedAt, (DateTime?)null), CancellationToken.None);
    }
}
