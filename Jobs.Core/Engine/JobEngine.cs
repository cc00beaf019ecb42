using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Jobs.Core.Domain;
using Jobs.Core.Execution;
using Jobs.Core.Gates;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jobs.Core.Engine;

/// <summary>What the scheduler should do after a step.</summary>
public enum StepResult
{
    /// <summary>The job is live: tick again.</summary>
    Continue,
    /// <summary>Nothing will happen until an operator acts (paused, awaiting approval) or the job is over: drop the trigger.</summary>
    Idle,
}

/// <summary>
/// One idempotent step of one job, run by the scheduler on every tick (one at a time per job, in its own scope).
/// Every transition is persisted before it is acted on, so a step can stop anywhere and the next one — in this
/// process or a new one — carries on without running a host twice.
/// </summary>
/// <remarks>
/// Order of a step: start when due → fail orphaned dispatches → (system pause: check the executor) → poll in-flight
/// hosts and enforce timeouts → refresh counters → advance the current batch (gates, bake, approval, dispatch).
/// Batches run one after another; the current batch is the lowest-indexed one not finished, so batches reopened by
/// retry-failed run again (and are re-gated) before the next pending batch.
/// </remarks>
public sealed partial class JobEngine(
    JobsDbContext db,
    IExecutorRegistry executors,
    GateEvaluator gates,
    TimeProvider clock,
    IOptions<EngineOptions> options,
    ILogger<JobEngine> logger,
    IOptions<TargetOptions> targets)
{
    public const string OrphanReason = "outcome unknown: JOBS stopped during dispatch (the host was not run again)";

    /// <summary>When each system-paused job last asked its executor whether it is back (per process is enough).</summary>
    private static readonly ConcurrentDictionary<long, DateTimeOffset> LastSystemCheck = new();

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<StepResult> StepAsync(long jobId, CancellationToken ct)
    {
        var job = await db.Jobs.Include(j => j.Batches).SingleOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null || job.Status.IsTerminal()) return StepResult.Idle;
        var executor = executors.Find(job.Executor);
        if (executor is null)
        {
            if (job.Status is JobStatus.Running or JobStatus.Scheduled)
            {
                job.PauseForSystemFault($"executor '{job.Executor}' is not configured on this JOBS server");
                await SaveJobAsync(job, ct);
            }
            return StepResult.Continue;
        }

        if (job.Status == JobStatus.Scheduled)
        {
            if (job.StartAt is { } startAt && startAt > Now) return StepResult.Continue;
            job.Start(Now);
            if (!await SaveJobAsync(job, ct)) return StepResult.Continue;
            LogStarted(logger, job.Id, job.Name);
        }

        await FailOrphanedDispatchesAsync(job.Id, ct);

        if (job is { Status: JobStatus.Paused, StopKind: JobStopKind.System })
        {
            if (!await ExecutorIsBackAsync(job, executor, ct)) return StepResult.Continue;
            job.ResumeAfterSystemFault();
            if (!await SaveJobAsync(job, ct)) return StepResult.Continue;
            LogAutoResumed(logger, job.Id, executor.Name);
        }

        var inFlight = await PollAsync(job, executor, ct);
        if (inFlight is null) return StepResult.Continue; // executor unavailable: job paused (or was already)

        foreach (var b in job.Batches.Where(b => b.Status is BatchStatus.Running or BatchStatus.Verifying))
            await BatchCounters.RefreshAsync(db, b, ct);

        if (job.Status != JobStatus.Running)
        {
            // The counters just refreshed must reach the database before the trigger is dropped, or a paused job would
            // show stale numbers until it runs again: a lost race means one more step.
            if (!await SaveJobAsync(job, ct)) return StepResult.Continue;
            // Paused or awaiting approval: keep ticking only while in-flight hosts still have to report.
            return inFlight > 0 ? StepResult.Continue : StepResult.Idle;
        }

        return await AdvanceAsync(job, executor, ct);
    }

    private async Task<StepResult> AdvanceAsync(Job job, IExecutor executor, CancellationToken ct)
    {
        // A few transitions can follow each other in one step (batch done → gates pass → next batch starts).
        for (var guard = 0; guard < 8; guard++)
        {
            var batch = job.Batches.OrderBy(b => b.Index).FirstOrDefault(b => !b.Status.IsFinished());
            if (batch is null)
            {
                var anyFailures = job.Batches.Any(b => b.Status == BatchStatus.Failed || b.Failed + b.TimedOut + b.Canceled > 0);
                job.Complete(anyFailures, Now);
                if (await SaveJobAsync(job, ct)) LogCompleted(logger, job.Id, job.Status);
                return StepResult.Idle;
            }

            switch (batch.Status)
            {
                case BatchStatus.Pending:
                    batch.Start(Now);
                    job.Touch();
                    if (!await SaveJobAsync(job, ct)) return StepResult.Continue;
                    continue;

                case BatchStatus.Running when batch.Pending + batch.Running == 0:
                    batch.BeginVerifying(job.Gates.BakeSeconds > 0 ? Now.AddSeconds(job.Gates.BakeSeconds) : null);
                    job.Touch();
                    if (!await SaveJobAsync(job, ct)) return StepResult.Continue;
                    continue;

                case BatchStatus.Running:
                    if (GateEvaluator.FailureStop(job, batch, batchFinished: false) is { } early)
                        return await StopByGateAsync(job, batch, executor, early, ct);
                    await DispatchAsync(job, batch, executor, ct);
                    await BatchCounters.RefreshAsync(db, batch, ct);
                    await SaveJobAsync(job, ct);
                    return StepResult.Continue;

                case BatchStatus.Verifying:
                    var outcome = await gates.EvaluateAsync(job, batch, await SucceededHostsAsync(job, batch, ct), ct);
                    switch (outcome.Verdict)
                    {
                        case GateVerdict.Pass:
                            batch.Pass(outcome.Reason, Now);
                            job.Touch();
                            if (!await SaveJobAsync(job, ct)) return StepResult.Continue;
                            LogBatchPassed(logger, job.Id, batch.Index, outcome.Reason);
                            continue;
                        case GateVerdict.Fail:
                            return await StopByGateAsync(job, batch, executor, outcome.Reason, ct);
                        case GateVerdict.NeedsApproval:
                            job.AwaitApproval();
                            await SaveJobAsync(job, ct);
                            return StepResult.Idle;
                        default:
                            await SaveJobAsync(job, ct);
                            return StepResult.Continue;
                    }

                default:
                    return StepResult.Continue;
            }
        }
        await SaveJobAsync(job, ct);
        return StepResult.Continue;
    }

    private async Task<StepResult> StopByGateAsync(Job job, Batch batch, IExecutor executor, string reason, CancellationToken ct)
    {
        batch.Fail(reason, Now);
        job.StopByGate(reason, Now);
        LogGateStopped(logger, job.Id, batch.Index, reason, job.Status);
        if (job.Status == JobStatus.Aborted)
        {
            // Aborted is terminal: nothing would poll in-flight hosts any more, so they are canceled as on an operator abort.
            await AbortWork.ApplyAsync(db, job, executor, clock, ct);
            return StepResult.Idle;
        }
        if (!await SaveJobAsync(job, ct)) return StepResult.Continue;
        var inFlight = await db.HostTasks.CountAsync(h => h.JobId == job.Id && h.Status == HostStatus.Running, ct);
        return inFlight > 0 ? StepResult.Continue : StepResult.Idle;
    }

    /// <summary>A host claimed (Running) but never given an external reference: the process died between claim and
    /// dispatch. Whether the executor got the request is unknowable, so it is failed, never dispatched again.</summary>
    private async Task FailOrphanedDispatchesAsync(long jobId, CancellationToken ct)
    {
        var now = Now;
        var n = await db.HostTasks
            .Where(h => h.JobId == jobId && h.Status == HostStatus.Running && h.ExternalRef == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(h => h.Status, HostStatus.Failed)
                .SetProperty(h => h.Category, ErrorCategory.System)
                .SetProperty(h => h.Stderr, OrphanReason)
                .SetProperty(h => h.FinishedAt, now), ct);
        if (n > 0) LogOrphans(logger, jobId, n);
    }

    private async Task<bool> ExecutorIsBackAsync(Job job, IExecutor executor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (LastSystemCheck.TryGetValue(job.Id, out var last) && now - last < TimeSpan.FromSeconds(options.Value.SystemRetrySeconds))
            return false;
        LastSystemCheck[job.Id] = now;
        try
        {
            var test = await executor.TestConnectionAsync(ct);
            if (test.Ok) LastSystemCheck.TryRemove(job.Id, out _);
            return test.Ok;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStillUnavailable(logger, job.Id, executor.Name, ex.Message);
            return false;
        }
    }

    /// <summary>Polls in-flight hosts, writes finished results and timeouts in one batched save.
    /// Returns how many are still in flight, or null when the executor is unavailable.</summary>
    private async Task<int?> PollAsync(Job job, IExecutor executor, CancellationToken ct)
    {
        var hosts = await db.HostTasks
            .Where(h => h.JobId == job.Id && h.Status == HostStatus.Running && h.ExternalRef != null)
            .ToListAsync(ct);
        if (hosts.Count == 0) return 0;
        var timeout = TimeSpan.FromSeconds(job.HostTimeoutSeconds);
        var inFlight = hosts.Select(h => new InFlightHost(h.Id, h.Hostname, h.ExternalRef!, h.StartedAt ?? Now, timeout)).ToList();
        IReadOnlyList<HostResult> results;
        try
        {
            results = await executor.PollAsync(inFlight, ct);
        }
        catch (ExecutorUnavailableException ex)
        {
            await PauseForSystemFaultAsync(job, executor, ex, ct);
            return null;
        }
        var byId = results.Where(r => r.IsFinished).GroupBy(r => r.HostTaskId).ToDictionary(g => g.Key, g => g.First());
        var now = Now;
        var timedOut = new List<InFlightHost>();
        foreach (var host in hosts)
        {
            if (byId.TryGetValue(host.Id, out var r))
            {
                host.Finish(r.Status, r.ExitCode, r.Category, r.Stdout, r.Stderr, r.FinishedAt ?? now);
            }
            else if (host.StartedAt is { } started && now - started > timeout)
            {
                host.Finish(HostStatus.TimedOut, null, ErrorCategory.Environment, null,
                    $"timed out after {job.HostTimeoutSeconds} s (hostTimeoutSeconds); canceled through {executor.Name}", now);
                timedOut.Add(inFlight.First(f => f.HostTaskId == host.Id));
            }
        }
        await SaveHostsAsync(hosts, ct);
        if (timedOut.Count > 0) await CancelQuietlyAsync(executor, timedOut, ct);
        return hosts.Count(h => h.Status == HostStatus.Running);
    }

    private async Task PauseForSystemFaultAsync(Job job, IExecutor executor, ExecutorUnavailableException ex, CancellationToken ct)
    {
        LogUnavailable(logger, job.Id, executor.Name, ex.Message);
        if (job.Status is JobStatus.Running or JobStatus.Scheduled)
        {
            job.PauseForSystemFault($"{executor.Name} unavailable: {ex.Message}");
            LastSystemCheck[job.Id] = clock.GetUtcNow();
            await SaveJobAsync(job, ct);
        }
    }

    /// <summary>
    /// Claims the next pending hosts of the batch (conditional set-based update; hosts Running in another job are
    /// skipped), persists the claim, starts them, and persists each external reference before the dispatch counts.
    /// </summary>
    private async Task DispatchAsync(Job job, Batch batch, IExecutor executor, CancellationToken ct)
    {
        // The CMDB retired a target after the job was created (issue 15): skip it, with the reason on the host.
        if (targets.Value.SkipRetiredTargets) await RetiredTargets.SkipAsync(db, batch.Id, Now, ct);
        var running = await db.HostTasks.CountAsync(h => h.JobId == job.Id && h.Status == HostStatus.Running, ct);
        var slots = job.Parallelism - running;
        if (slots <= 0) return;
        var candidates = await db.HostTasks.AsNoTracking()
            .Where(h => h.BatchId == batch.Id && h.Status == HostStatus.Pending)
            .Where(h => !db.HostTasks.Any(o => o.Hostname == h.Hostname && o.Status == HostStatus.Running))
            .OrderBy(h => h.Position)
            .Select(h => h.Id)
            .Take(slots)
            .ToListAsync(ct);
        if (candidates.Count == 0) return;

        var claimedIds = await ClaimAsync(job.Id, candidates, ct);
        if (claimedIds.Count == 0) return;
        var claimed = await db.HostTasks.Where(h => claimedIds.Contains(h.Id)).OrderBy(h => h.Position).ToListAsync(ct);

        var parameters = JsonNode.Parse(job.ParametersJson) as JsonObject ?? [];
        var timeout = TimeSpan.FromSeconds(job.HostTimeoutSeconds);
        var work = claimed.Select(h => new HostWork(h.Id, job.Id, h.BatchIndex, h.Attempt, h.Hostname, h.Ip,
            Placeholders.Render(parameters, new PlaceholderValues(h.Hostname, h.Ip, h.Idc, h.Env, h.App, job.Id, h.BatchIndex)),
            timeout)).ToList();

        IReadOnlyList<DispatchOutcome> outcomes;
        try
        {
            // Not the shutdown token: once a start request is sent, its answer must be recorded.
            outcomes = await executor.StartAsync(work, CancellationToken.None);
        }
        catch (ExecutorUnavailableException ex)
        {
            // The executor refused before taking the work (its contract): the hosts did not start and may run later.
            await db.HostTasks.Where(h => claimedIds.Contains(h.Id) && h.Status == HostStatus.Running && h.ExternalRef == null)
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.Status, HostStatus.Pending).SetProperty(h => h.StartedAt, (DateTime?)null), CancellationToken.None);
            foreach (var h in claimed) db.Entry(h).State = EntityState.Detached;
            await PauseForSystemFaultAsync(job, executor, ex, ct);
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Anything else: the request may or may not have reached the executor, so the outcome is unknown.
            foreach (var h in claimed)
                h.Finish(HostStatus.Failed, null, ErrorCategory.System, null, $"outcome unknown: dispatch through {executor.Name} failed: {ex.Message}", Now);
            await SaveHostsAsync(claimed, CancellationToken.None);
            LogDispatchFailed(logger, ex, job.Id, executor.Name);
            return;
        }

        var byId = outcomes.GroupBy(o => o.HostTaskId).ToDictionary(g => g.Key, g => g.First());
        foreach (var h in claimed)
        {
            if (!byId.TryGetValue(h.Id, out var o))
                h.Finish(HostStatus.Failed, null, ErrorCategory.System, null, $"{executor.Name} returned no outcome for this host", Now);
            else if (o.ExternalRef is { } reference)
                h.MarkDispatched(reference);
            else
            {
                var r = o.ImmediateResult ?? new HostResult(h.Id, HostStatus.Failed, Category: ErrorCategory.System, Stderr: "not started");
                h.Finish(r.Status.IsTerminal() ? r.Status : HostStatus.Failed, r.ExitCode, r.Category, r.Stdout, r.Stderr, r.FinishedAt ?? Now);
            }
        }
        var lost = await SaveHostsAsync(claimed, CancellationToken.None);
        if (lost.Count > 0)
        {
            // Aborted while we dispatched: the work started anyway, so stop it.
            var refs = lost.Where(h => h.ExternalRef is not null)
                .Select(h => new InFlightHost(h.Id, h.Hostname, h.ExternalRef!, h.StartedAt ?? Now, timeout)).ToList();
            if (refs.Count > 0) await CancelQuietlyAsync(executor, refs, CancellationToken.None);
        }
        LogDispatched(logger, job.Id, batch.Index, claimed.Count - lost.Count);
    }

    /// <summary>Pending → Running for the candidates, conditional on still being pending. The unique index on running
    /// hostnames is the cross-job host lock: when the set update hits it, claim one by one and skip the locked hosts.</summary>
    /// <remarks>The claim is also conditional on the job still being Running in the database: a step that loaded the job
    /// just before an operator paused or aborted it must not start new hosts after the pause was answered.</remarks>
    private async Task<List<long>> ClaimAsync(long jobId, List<long> candidates, CancellationToken ct)
    {
        var now = Now;
        var live = db.Jobs.Where(j => j.Id == jobId && j.Status == JobStatus.Running);
        try
        {
            await db.HostTasks.Where(h => candidates.Contains(h.Id) && h.Status == HostStatus.Pending && live.Any())
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.Status, HostStatus.Running).SetProperty(h => h.StartedAt, now), ct);
        }
        catch (DbUpdateException)
        {
            foreach (var id in candidates)
            {
                try
                {
                    await db.HostTasks.Where(h => h.Id == id && h.Status == HostStatus.Pending && live.Any())
                        .ExecuteUpdateAsync(s => s.SetProperty(h => h.Status, HostStatus.Running).SetProperty(h => h.StartedAt, now), ct);
                }
                catch (DbUpdateException)
                {
                    // Running in another job right now: it waits for a later step.
                }
            }
        }
        return await db.HostTasks.AsNoTracking()
            .Where(h => candidates.Contains(h.Id) && h.Status == HostStatus.Running && h.ExternalRef == null)
            .Select(h => h.Id).ToListAsync(ct);
    }

    /// <summary>
    /// Saves host changes in one batched SaveChanges. The host status is a concurrency token, so a host an operator
    /// aborted meanwhile is not overwritten: those hosts are left out and returned.
    /// </summary>
    private async Task<List<HostTask>> SaveHostsAsync(List<HostTask> hosts, CancellationToken ct)
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
                var ids = hosts.Select(h => h.Id).ToList();
                var stillRunning = await db.HostTasks.AsNoTracking()
                    .Where(h => ids.Contains(h.Id) && h.Status == HostStatus.Running).Select(h => h.Id).ToListAsync(ct);
                foreach (var h in hosts.Where(h => !stillRunning.Contains(h.Id) && db.Entry(h).State != EntityState.Detached).ToList())
                {
                    db.Entry(h).State = EntityState.Detached;
                    lost.Add(h);
                }
                foreach (var e in db.ChangeTracker.Entries<Job>().Where(e => e.State == EntityState.Modified).ToList())
                    e.State = EntityState.Unchanged; // job changes are saved separately, under their own version check
                foreach (var e in db.ChangeTracker.Entries<Batch>().Where(e => e.State == EntityState.Modified).ToList())
                    e.State = EntityState.Unchanged;
            }
        }
    }

    /// <summary>Saves the job and its batches under the job's version check. False = a control changed the job
    /// meanwhile; this step's job changes are dropped and the next step starts from the new state.</summary>
    private async Task<bool> SaveJobAsync(Job job, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            LogRaced(logger, job.Id);
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private async Task<IReadOnlyList<PlaceholderValues>> SucceededHostsAsync(Job job, Batch batch, CancellationToken ct)
    {
        if (job.Gates.HttpProbe is not { } probe) return [];
        var query = db.HostTasks.AsNoTracking().Where(h => h.BatchId == batch.Id && h.Status == HostStatus.Succeeded).OrderBy(h => h.Position);
        var list = Placeholders.HasHostPlaceholder(probe.Url) ? await query.ToListAsync(ct) : await query.Take(1).ToListAsync(ct);
        return list.Select(h => new PlaceholderValues(h.Hostname, h.Ip, h.Idc, h.Env, h.App, job.Id, h.BatchIndex)).ToList();
    }

    private async Task CancelQuietlyAsync(IExecutor executor, IReadOnlyList<InFlightHost> hosts, CancellationToken ct)
    {
        try
        {
            await executor.CancelAsync(hosts, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCancelFailed(logger, ex, executor.Name, hosts.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} ({JobName}) started")]
    private static partial void LogStarted(ILogger logger, long jobId, string jobName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} finished: {Status}")]
    private static partial void LogCompleted(ILogger logger, long jobId, JobStatus status);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {JobId} batch {Batch}: dispatched {Count} hosts")]
    private static partial void LogDispatched(ILogger logger, long jobId, int batch, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} batch {Batch} passed its gates: {Reason}")]
    private static partial void LogBatchPassed(ILogger logger, long jobId, int batch, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} batch {Batch} failed a gate: {Reason}; job is now {Status}")]
    private static partial void LogGateStopped(ILogger logger, long jobId, int batch, string reason, JobStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: {Count} hosts were left mid-dispatch by an earlier process; failed as outcome unknown")]
    private static partial void LogOrphans(ILogger logger, long jobId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: executor {Executor} unavailable: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, long jobId, string executor, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {JobId}: executor {Executor} still unavailable: {Reason}")]
    private static partial void LogStillUnavailable(ILogger logger, long jobId, string executor, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: executor {Executor} is back; job resumed")]
    private static partial void LogAutoResumed(ILogger logger, long jobId, string executor);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId}: dispatch through {Executor} failed; the hosts are failed as outcome unknown")]
    private static partial void LogDispatchFailed(ILogger logger, Exception ex, long jobId, string executor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cancel through {Executor} failed for {Count} hosts")]
    private static partial void LogCancelFailed(ILogger logger, Exception ex, string executor, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {JobId} changed under a step (a control won the race); the next step carries on")]
    private static partial void LogRaced(ILogger logger, long jobId);
}
