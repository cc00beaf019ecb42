using Jobs.Core.Domain;
using Jobs.Core.Execution;
using Jobs.Core.Gates;
using Jobs.Core.Persistence;
using Jobs.Core.Templating;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Jobs.Core.Engine;

/// <summary>What the scheduler should do after a step.</summary>
public enum StepResult
{
    /// <summary>The job is live: step again (when, <see cref="StepReport"/> says).</summary>
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
/// hosts and enforce timeouts (<see cref="HostPolling"/>) → refresh counters (<see cref="BatchCounters"/>) → advance
/// the current batch: gates, bake, approval, dispatch (<see cref="HostDispatch"/>).
/// Batches run one after another; the current batch is the lowest-indexed one not finished, so batches reopened by
/// a retry run again (and are gated again) before any later batch — and then the job pauses (<see cref="Job.PauseAfterBatch"/>).
/// </remarks>
public sealed class JobEngine
{
    public const string OrphanReason = HostPolling.OrphanReason;

    /// <summary>Most transitions one step makes (batch done → gates pass → next batch starts → …).</summary>
    private const int TransitionsPerStep = 8;

    private readonly JobsDbContext _db;
    private readonly IExecutorRegistry _executors;
    private readonly GateEvaluator _gates;
    private readonly HostPolling _polling;
    private readonly HostDispatch _dispatch;
    private readonly SystemFaultChecks _faults;
    private readonly TimeProvider _clock;
    private readonly ILogger<JobEngine> _logger;

    public JobEngine(JobsDbContext db, IExecutorRegistry executors, GateEvaluator gates, HostPolling polling, HostDispatch dispatch,
        SystemFaultChecks faults, TimeProvider clock, ILogger<JobEngine> logger) =>
        (_db, _executors, _gates, _polling, _dispatch, _faults, _clock, _logger) = (db, executors, gates, polling, dispatch, faults, clock, logger);

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    /// <summary>What this step changed and when the job next needs a step (see <see cref="StepReport"/>).</summary>
    private StepReport.Builder _report = new();

    public async Task<StepResult> StepAsync(long jobId, CancellationToken ct) => (await StepAndReportAsync(jobId, ct)).Result;

    /// <summary>One step, and what the loop needs to know to time the next one: whether it changed anything, and
    /// what it waits for (<see cref="JobLoop"/>).</summary>
    public async Task<StepReport> StepAndReportAsync(long jobId, CancellationToken ct)
    {
        _report = new StepReport.Builder();
        var result = await RunStepAsync(jobId, ct);
        return _report.Build(result);
    }

    private async Task<StepResult> RunStepAsync(long jobId, CancellationToken ct)
    {
        var job = await _db.Jobs.Include(j => j.Batches).SingleOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null || job.Status.IsTerminal())
        {
            _faults.Forget(jobId);
            return StepResult.Idle;
        }
        if (_executors.Find(job.Executor) is not { } executor) return await PauseForMissingExecutorAsync(job, ct);
        if (!await StartWhenDueAsync(job, ct)) return StepResult.Continue;
        await _polling.SettleOrphanedDispatchesAsync(job, executor, ct);
        if (!await CarryOnAfterSystemFaultAsync(job, executor, ct)) return StepResult.Continue;

        int inFlight;
        try
        {
            var polled = await _polling.PollAsync(job, executor, ct);
            _report.Polled(polled);
            inFlight = polled.InFlight;
        }
        catch (ExecutorUnavailableException ex)
        {
            await PauseForSystemFaultAsync(job, executor, ex, ct);
            return StepResult.Continue;
        }
        await BatchCounters.RefreshAsync(_db, job.Batches.Where(b => b.Status is BatchStatus.Running or BatchStatus.Verifying).ToList(), ct);

        if (job.Status == JobStatus.Running) return await AdvanceAsync(job, executor, ct);
        // The counters just refreshed must reach the database before the trigger is dropped, or a paused job would
        // show stale numbers until it runs again: a lost race means one more step.
        if (!await SaveJobAsync(job, ct)) return StepResult.Continue;
        // Paused or awaiting approval: keep ticking only while in-flight hosts still have to report.
        return inFlight > 0 ? StepResult.Continue : StepResult.Idle;
    }

    private async Task<StepResult> PauseForMissingExecutorAsync(Job job, CancellationToken ct)
    {
        if (job.Status is JobStatus.Running or JobStatus.Scheduled)
        {
            job.PauseForSystemFault($"executor '{job.Executor}' is not configured on this JOBS server");
            await SaveJobAsync(job, ct);
        }
        return StepResult.Continue;
    }

    /// <summary>False when the step ends here (not due yet, or a control won the race).</summary>
    private async Task<bool> StartWhenDueAsync(Job job, CancellationToken ct)
    {
        if (job.Status != JobStatus.Scheduled) return true;
        if (job.StartAt is { } startAt && startAt > Now)
        {
            _report.DueAt(new DateTimeOffset(DateTime.SpecifyKind(startAt, DateTimeKind.Utc)));
            return false;
        }
        job.Start(Now);
        if (!await SaveJobAsync(job, ct)) return false;
        EngineLog.Started(_logger, job.Id, job.Name);
        return true;
    }

    /// <summary>A job paused by a system fault resumes on its own once its executor answers. False = still down.</summary>
    private async Task<bool> CarryOnAfterSystemFaultAsync(Job job, IExecutor executor, CancellationToken ct)
    {
        if (job is not { Status: JobStatus.Paused, StopKind: JobStopKind.System })
        {
            _faults.Forget(job.Id);
            return true;
        }
        if (!await _faults.ExecutorIsBackAsync(job.Id, executor, ct)) return false;
        job.ResumeAfterSystemFault();
        if (!await SaveJobAsync(job, ct)) return false;
        EngineLog.AutoResumed(_logger, job.Id, executor.Name);
        return true;
    }

    private async Task<StepResult> AdvanceAsync(Job job, IExecutor executor, CancellationToken ct)
    {
        for (var i = 0; i < TransitionsPerStep; i++)
        {
            var batch = job.Batches.OrderBy(b => b.Index).FirstOrDefault(b => !b.Status.IsFinished());
            if (batch is null) return await CompleteAsync(job, ct);
            if (job.PauseAfterBatch is { } last && batch.Index > last) return await PauseAfterRetryAsync(job, batch, ct);
            var result = batch.Status switch
            {
                BatchStatus.Pending => await TransitionAsync(job, () => batch.Start(Now), ct),
                BatchStatus.Running when batch.Pending + batch.Running == 0 => await TransitionAsync(job,
                    () => batch.BeginVerifying(job.Gates.BakeSeconds > 0 ? Now.AddSeconds(job.Gates.BakeSeconds) : null), ct),
                BatchStatus.Running => await RunBatchAsync(job, batch, executor, ct),
                BatchStatus.Verifying => await VerifyAsync(job, batch, executor, ct),
                _ => StepResult.Continue,
            };
            if (result is { } done) return done;
        }
        await SaveJobAsync(job, ct);
        return StepResult.Continue;
    }

    /// <summary>A batch transition saved under the job's version. Null = saved, carry on in this step.</summary>
    private async Task<StepResult?> TransitionAsync(Job job, Action change, CancellationToken ct)
    {
        change();
        job.Touch();
        return await SaveJobAsync(job, ct) ? null : StepResult.Continue;
    }

    private async Task<StepResult> CompleteAsync(Job job, CancellationToken ct)
    {
        var anyFailures = job.Batches.Any(b => b.Status == BatchStatus.Failed || b.Failed + b.TimedOut + b.Canceled > 0);
        job.Complete(anyFailures, Now);
        if (await SaveJobAsync(job, ct)) EngineLog.Completed(_logger, job.Id, job.Status);
        return StepResult.Idle;
    }

    private async Task<StepResult> PauseAfterRetryAsync(Job job, Batch next, CancellationToken ct)
    {
        job.PauseAfterRetriedBatches(next.Index);
        if (await SaveJobAsync(job, ct)) EngineLog.PausedAfterRetry(_logger, job.Id, next.Index);
        return StepResult.Continue; // the next step drops the trigger once nothing is in flight
    }

    private async Task<StepResult> RunBatchAsync(Job job, Batch batch, IExecutor executor, CancellationToken ct)
    {
        if (GateEvaluator.FailureStop(job, batch, batchFinished: false) is { } early)
            return await StopByGateAsync(job, batch, executor, early, ct);
        try
        {
            if (await _dispatch.DispatchAsync(job, batch, executor, ct) > 0) _report.Progressed();
        }
        catch (ExecutorUnavailableException ex)
        {
            await PauseForSystemFaultAsync(job, executor, ex, ct);
            return StepResult.Continue;
        }
        await BatchCounters.RefreshAsync(_db, batch, ct);
        await SaveJobAsync(job, ct);
        return StepResult.Continue;
    }

    /// <summary>Gates of a finished batch. Null = it passed and the step carries on with the next batch.</summary>
    private async Task<StepResult?> VerifyAsync(Job job, Batch batch, IExecutor executor, CancellationToken ct)
    {
        var outcome = await _gates.EvaluateAsync(job, batch, await SucceededHostsAsync(job, batch, ct), ct);
        switch (outcome.Verdict)
        {
            case GateVerdict.Pass:
                if (await TransitionAsync(job, () => batch.Pass(outcome.Reason, Now), ct) is { } lost) return lost;
                EngineLog.BatchPassed(_logger, job.Id, batch.Index, outcome.Reason);
                return null;
            case GateVerdict.Fail:
                return await StopByGateAsync(job, batch, executor, outcome.Reason, ct);
            case GateVerdict.NeedsApproval:
                job.AwaitApproval();
                await SaveJobAsync(job, ct);
                return StepResult.Idle;
            default:
                // Wait: the bake ends at BakeUntil.
                if (batch.BakeUntil is { } until) _report.DueAt(new DateTimeOffset(DateTime.SpecifyKind(until, DateTimeKind.Utc)));
                await SaveJobAsync(job, ct);
                return StepResult.Continue;
        }
    }

    private async Task<StepResult> StopByGateAsync(Job job, Batch batch, IExecutor executor, string reason, CancellationToken ct)
    {
        batch.Fail(reason, Now);
        job.StopByGate(reason, Now);
        EngineLog.GateStopped(_logger, job.Id, batch.Index, reason, job.Status);
        if (job.Status == JobStatus.Aborted)
        {
            // Aborted is terminal: nothing would poll in-flight hosts any more, so they are canceled as on an operator abort.
            await AbortWork.ApplyAsync(_db, job, executor, _clock, _logger, ct);
            return StepResult.Idle;
        }
        if (!await SaveJobAsync(job, ct)) return StepResult.Continue;
        var inFlight = await _db.HostTasks.CountAsync(h => h.JobId == job.Id && h.Status == HostStatus.Running, ct);
        return inFlight > 0 ? StepResult.Continue : StepResult.Idle;
    }

    private async Task PauseForSystemFaultAsync(Job job, IExecutor executor, ExecutorUnavailableException ex, CancellationToken ct)
    {
        EngineLog.Unavailable(_logger, job.Id, executor.Name, ex.Message);
        if (job.Status is not (JobStatus.Running or JobStatus.Scheduled)) return;
        job.PauseForSystemFault($"{executor.Name} unavailable: {ex.Message}");
        _faults.Paused(job.Id);
        await SaveJobAsync(job, ct);
    }

    /// <summary>Saves the job and its batches under the job's version check. False = a control changed the job
    /// meanwhile; this step's job changes are dropped and the next step starts from the new state.</summary>
    private async Task<bool> SaveJobAsync(Job job, CancellationToken ct)
    {
        try
        {
            // Saving what changed is progress; a save of nothing is not (counters alone are not news).
            if (_db.ChangeTracker.Entries<Job>().Any(e => e.State == EntityState.Modified && e.Property(j => j.Version).IsModified)) _report.Progressed();
            await _db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            _report.Progressed(); // a control changed the job: the next step starts at once from the new state
            EngineLog.Raced(_logger, job.Id);
            _db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>The hosts an HTTP probe checks: every succeeded host when its URL names one, else the first.</summary>
    private async Task<IReadOnlyList<PlaceholderValues>> SucceededHostsAsync(Job job, Batch batch, CancellationToken ct)
    {
        if (job.Gates.HttpProbe is not { } probe) return [];
        var query = _db.HostTasks.AsNoTracking().Where(h => h.BatchId == batch.Id && h.Status == HostStatus.Succeeded).OrderBy(h => h.Position);
        var list = Placeholders.HasHostPlaceholder(probe.Url) ? await query.ToListAsync(ct) : await query.Take(1).ToListAsync(ct);
        return list.Select(h => new PlaceholderValues(h.Hostname, h.Ip, h.Idc, h.Env, h.App, job.Id, h.BatchIndex)).ToList();
    }
}
