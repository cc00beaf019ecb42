using System.Text.Json.Nodes;
using Jobs.Core.Domain;
using Jobs.Core.Execution;
using Jobs.Core.Persistence;
using Jobs.Core.Templating;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Jobs.Core.Engine;

/// <summary>
/// Starts the next hosts of a batch, a chunk at a time: claims them with a conditional set-based update (hosts Running
/// in another job are skipped), persists the claim, calls the executor, and persists the external references (one
/// statement per chunk) before the dispatch counts.
/// </summary>
public sealed class HostDispatch(JobsDbContext db, HostWrites writes, TimeProvider clock, ILogger<HostDispatch> logger,
    Microsoft.Extensions.Options.IOptions<TargetOptions> targets)
{
    /// <summary>Hosts claimed and handed to the executor at once: bounds the claim's id list (SQL Server takes 2,100
    /// parameters) and the memory of a dispatch of 10,000 hosts, and lets the first hosts start while later ones are read.</summary>
    public const int ChunkSize = 1000;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Returns how many hosts were claimed (started, or finished at once by the executor's answer).</summary>
    /// <exception cref="ExecutorUnavailableException">The executor refused before taking the work: the claimed hosts
    /// are pending again (nothing started) and the caller pauses the job.</exception>
    public async Task<int> DispatchAsync(Job job, Batch batch, IExecutor executor, CancellationToken ct)
    {
        // The CMDB retired a target after the job was created (issue 15): skip it, with the reason on the host.
        if (targets.Value.SkipRetiredTargets) await RetiredTargets.SkipAsync(db, batch.Id, Now, ct);
        var candidates = await CandidatesAsync(job, batch, ct);
        var parameters = JsonNode.Parse(job.ParametersJson) as JsonObject ?? [];
        var claimedTotal = 0;
        foreach (var chunk in candidates.Chunk(ChunkSize))
        {
            var claimed = await ClaimAsync(job.Id, chunk, ct);
            if (claimed.Count == 0) continue;
            claimedTotal += claimed.Count;
            if (!await StartAsync(job, batch, executor, parameters, claimed)) break;
        }
        return claimedTotal;
    }

    /// <summary>Calls the executor for claimed hosts and records the answer. False = the dispatch failed; stop here.</summary>
    private async Task<bool> StartAsync(Job job, Batch batch, IExecutor executor, JsonObject parameters, List<HostTask> claimed)
    {
        IReadOnlyList<DispatchOutcome> outcomes;
        try
        {
            // Not the shutdown token: once a start request is sent, its answer must be recorded.
            outcomes = await executor.StartAsync(Work(job, parameters, claimed), CancellationToken.None);
        }
        catch (ExecutorUnavailableException)
        {
            await UnclaimAsync(claimed);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Anything else: the request may or may not have reached the executor, so the outcome is unknown.
            foreach (var h in claimed)
                h.Finish(HostStatus.Failed, null, ErrorCategory.System, null, $"outcome unknown: dispatch through {executor.Name} failed: {ex.Message}", Now);
            await writes.SaveResultsAsync(claimed, CancellationToken.None);
            EngineLog.DispatchFailed(logger, ex, job.Id, executor.Name);
            return false;
        }
        var started = await RecordAsync(job, executor, claimed, outcomes);
        EngineLog.Dispatched(logger, job.Id, batch.Index, started);
        return true;
    }

    /// <summary>Up to <c>parallelism − running</c> pending hosts of the batch, in dispatch order, not running in another
    /// job — read whole (untracked), so the claim needs no second read.</summary>
    private async Task<List<HostTask>> CandidatesAsync(Job job, Batch batch, CancellationToken ct)
    {
        var running = await db.HostTasks.CountAsync(h => h.JobId == job.Id && h.Status == HostStatus.Running, ct);
        var slots = job.Parallelism - running;
        if (slots <= 0) return [];
        return await db.HostTasks.AsNoTracking()
            .Where(h => h.BatchId == batch.Id && h.Status == HostStatus.Pending)
            .Where(h => !db.HostTasks.Any(o => o.Hostname == h.Hostname && o.Status == HostStatus.Running))
            .OrderBy(h => h.Position)
            .Take(slots)
            .ToListAsync(ct);
    }

    /// <summary>Pending → Running for the candidates, conditional on still being pending. The unique index on running
    /// hostnames is the cross-job host lock: when the set update hits it, claim one by one and skip the locked hosts.
    /// Returns the claimed hosts (untracked, marked Running as the database now has them), in dispatch order.</summary>
    /// <remarks>The claim is also conditional on the job still being Running in the database: a step that loaded the job
    /// just before an operator paused or aborted it must not start new hosts after the pause was answered.</remarks>
    private async Task<List<HostTask>> ClaimAsync(long jobId, HostTask[] candidates, CancellationToken ct)
    {
        var ids = candidates.Select(h => h.Id).ToList();
        // ExecuteUpdate throws the provider's own exception (not DbUpdateException); the dialect says which one is the
        // broken host lock, so a database that is down still surfaces as an error instead of "nothing claimed" (issue 13).
        var constraints = db.Dialect().Constraints;
        var now = Now;
        int claimed;
        try
        {
            claimed = await ClaimWhereAsync(jobId, h => ids.Contains(h.Id), now, ct);
        }
        catch (System.Data.Common.DbException ex) when (constraints.IsUniqueViolation(ex))
        {
            claimed = 0;
            foreach (var id in ids)
            {
                try
                {
                    claimed += await ClaimWhereAsync(jobId, h => h.Id == id, now, ct);
                }
                catch (System.Data.Common.DbException one) when (constraints.IsUniqueViolation(one))
                {
                    // Running in another job right now: it waits for a later step.
                }
            }
        }
        if (claimed == 0) return [];
        // All of them, as a rule; else (a control or another job took some) read which ones are ours.
        var ours = claimed == candidates.Length ? ids.ToHashSet()
            : (await db.HostTasks.AsNoTracking()
                .Where(h => ids.Contains(h.Id) && h.Status == HostStatus.Running && h.ExternalRef == null)
                .Select(h => h.Id).ToListAsync(ct)).ToHashSet();
        var list = candidates.Where(h => ours.Contains(h.Id)).ToList();
        foreach (var h in list) h.MarkClaimed(now);
        return list;
    }

    private Task<int> ClaimWhereAsync(long jobId, System.Linq.Expressions.Expression<Func<HostTask, bool>> which, DateTime now, CancellationToken ct)
    {
        var live = db.Jobs.Where(j => j.Id == jobId && j.Status == JobStatus.Running);
        return db.HostTasks.Where(which).Where(h => h.Status == HostStatus.Pending && live.Any())
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Status, HostStatus.Running).SetProperty(h => h.StartedAt, now), ct);
    }

    /// <summary>The work of claimed hosts, parameters rendered per host (also what recovery asks the executor about).</summary>
    internal static List<HostWork> Work(Job job, List<HostTask> claimed) =>
        Work(job, JsonNode.Parse(job.ParametersJson) as JsonObject ?? [], claimed);

    private static List<HostWork> Work(Job job, JsonObject parameters, List<HostTask> claimed)
    {
        var timeout = TimeSpan.FromSeconds(job.HostTimeoutSeconds);
        return claimed.Select(h => new HostWork(h.Id, job.Id, h.BatchIndex, h.Attempt, h.Hostname, h.Ip,
            Placeholders.Render(parameters, new PlaceholderValues(h.Hostname, h.Ip, h.Idc, h.Env, h.App, job.Id, h.BatchIndex)),
            timeout)).ToList();
    }

    /// <summary>The executor refused before taking the work (its contract): the hosts did not start and may run later.</summary>
    private async Task UnclaimAsync(List<HostTask> claimed)
    {
        var ids = claimed.Select(h => h.Id).ToList();
        await db.HostTasks.Where(h => ids.Contains(h.Id) && h.Status == HostStatus.Running && h.ExternalRef == null)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Status, HostStatus.Pending).SetProperty(h => h.StartedAt, (DateTime?)null), CancellationToken.None);
    }

    /// <summary>Saves each host's reference (or immediate result), a statement per chunk; returns how many started.
    /// Hosts an operator aborted while we dispatched started anyway, so they are canceled through the executor.</summary>
    private async Task<int> RecordAsync(Job job, IExecutor executor, List<HostTask> claimed, IReadOnlyList<DispatchOutcome> outcomes)
    {
        var byId = new Dictionary<long, DispatchOutcome>(outcomes.Count);
        foreach (var o in outcomes) byId.TryAdd(o.HostTaskId, o);
        var started = new List<HostTask>(claimed.Count);
        var finished = new List<HostTask>();
        foreach (var h in claimed)
        {
            if (!byId.TryGetValue(h.Id, out var o))
                h.Finish(HostStatus.Failed, null, ErrorCategory.System, null, $"{executor.Name} returned no outcome for this host", Now);
            else if (o.ExternalRef is { } reference)
                h.MarkDispatched(reference);
            else if (o.Unsettled)
                continue; // the answer was lost: stays claimed without a reference, DispatchRecovery asks at the next step
            else
            {
                var r = o.ImmediateResult ?? new HostResult(h.Id, HostStatus.Failed, Category: ErrorCategory.System, Stderr: "not started");
                h.Finish(r.Status.IsTerminal() ? r.Status : HostStatus.Failed, r.ExitCode, r.Category, r.Stdout, r.Stderr, r.FinishedAt ?? Now);
            }
            (h.Status == HostStatus.Running ? started : finished).Add(h);
        }
        var lost = await writes.SaveReferencesAsync(started, CancellationToken.None);
        await writes.SaveResultsAsync(finished, CancellationToken.None);
        var timeout = TimeSpan.FromSeconds(job.HostTimeoutSeconds);
        var refs = lost.Select(h => new InFlightHost(h.Id, h.Hostname, h.ExternalRef!, h.StartedAt ?? Now, timeout)).ToList();
        await writes.CancelQuietlyAsync(executor, refs, CancellationToken.None);
        return started.Count - lost.Count;
    }
}
