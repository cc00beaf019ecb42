using Jobs.Core.Domain;
using Jobs.Core.Execution;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Jobs.Core.Engine;

/// <summary>
/// What aborting does to a job's hosts, shared by the operator's abort and a gate with <c>onGateFailure = abort</c>:
/// in one transaction the job (already moved to Aborted, under its version check) and its batches are saved,
/// pending hosts become Skipped and in-flight ones Canceled; only then are they canceled through the executor.
/// </summary>
internal static class AbortWork
{
    public const string CanceledReason = "canceled: the job was aborted";

    /// <summary>What a canceled host says when the executor did not confirm the cancellation (issue 13).</summary>
    public static string UnconfirmedReason(string executor, string error) =>
        $"{CanceledReason}; {executor} did not confirm the cancellation ({OutputText.Cap(error, 300)!.Trim()}): the command may still be running on the host";

    public static async Task ApplyAsync(JobsDbContext db, Job job, IExecutor? executor, TimeProvider clock, ILogger logger, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var b in job.Batches) b.AbortOrSkip(now);
        List<InFlightHost> inFlight;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct); // throws DbUpdateConcurrencyException when a step or control won the race
            await db.HostTasks.Where(h => h.JobId == job.Id && h.Status == HostStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.Status, HostStatus.Skipped), ct);
            var timeout = TimeSpan.FromSeconds(job.HostTimeoutSeconds);
            inFlight = (await db.HostTasks.AsNoTracking()
                    .Where(h => h.JobId == job.Id && h.Status == HostStatus.Running)
                    .Select(h => new { h.Id, h.Hostname, h.ExternalRef, h.StartedAt })
                    .ToListAsync(ct))
                .Where(h => h.ExternalRef is not null)
                .Select(h => new InFlightHost(h.Id, h.Hostname, h.ExternalRef!, h.StartedAt ?? now, timeout))
                .ToList();
            await HostWrites.FinishAllAsync(db.HostTasks.Where(h => h.JobId == job.Id && h.Status == HostStatus.Running),
                HostStatus.Canceled, category: null, CanceledReason, now, ct); // the operator's action, not the host's fault (issue 11)
            await tx.CommitAsync(ct);
        }
        if (executor is not null && inFlight.Count > 0)
        {
            try
            {
                await executor.CancelAsync(inFlight, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The hosts stay Canceled (the operator's decision stands), but nobody may believe the command stopped:
                // the log says so, and so does each host's page and export.
                EngineLog.CancelFailed(logger, ex, executor.Name, inFlight.Count);
                var ids = inFlight.Select(h => h.HostTaskId).ToList();
                var reason = UnconfirmedReason(executor.Name, ex.Message);
                await db.HostTasks.Where(h => ids.Contains(h.Id)).ExecuteUpdateAsync(s => s.SetProperty(h => h.Stderr, reason), ct);
            }
        }
        foreach (var b in job.Batches) await BatchCounters.RefreshAsync(db, b, ct);
        await db.SaveChangesAsync(ct);
    }
}
