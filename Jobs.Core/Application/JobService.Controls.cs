using Jobs.Core.Auditing;
using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Jobs.Core.Engine;

namespace Jobs.Core.Application;

/// <summary>
/// The operator controls: one entry point for the MVC pages and the API. Controls race with engine steps; both check
/// the job's <see cref="Job.Version"/> (hosts: their status), and a control that lost the race is applied again on
/// the fresh state (and may then no longer fit: 409). Adding a control = a <see cref="JobControl"/> value with its
/// allowed statuses in <see cref="Job"/>, and one case in <see cref="ApplyAsync"/>.
/// </summary>
public sealed partial class JobService
{
    private const int ControlAttempts = 5;

    public async Task<ControlResult> ControlAsync(long jobId, JobControl control, Actor actor, string? hostname, CancellationToken ct)
    {
        var host = hostname?.Trim().ToLowerInvariant();
        if (JobControlText.IsHostControl(control) && string.IsNullOrEmpty(host))
            throw new InvalidTransitionException($"{JobControlText.Label(control)}: name the host.");
        if (control == JobControl.Abort) return await AbortAsync(jobId, actor, ct);

        try
        {
            return await ApplyAndSaveAsync(jobId, control, actor, host, ct);
        }
        catch (TwoPersonRuleException ex)
        {
            // A refused approval of a dangerous job is a security event: it is audited although nothing changed.
            db.ChangeTracker.Clear();
            db.Audit(clock, actor, "job.approve-refused", Target(jobId), ex.Message);
            await db.SaveChangesAsync(ct);
            throw;
        }
    }

    private async Task<ControlResult> ApplyAndSaveAsync(long jobId, JobControl control, Actor actor, string? host, CancellationToken ct)
    {
        string detail;
        Job job;
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            job = await LoadAsync(jobId, ct);
            if (attempt == 1) await JobAccess.RequireJobInScopeAsync(db, actor, jobId, ct);
            detail = await ApplyAsync(job, control, actor, host, ct);
            db.Audit(clock, actor, AuditAction(control), AuditTarget(jobId, control, host), detail);
            try
            {
                await SaveControlAsync(job, control, ct);
                break;
            }
            catch (DbUpdateConcurrencyException) when (attempt < ControlAttempts)
            {
                // An engine step changed the job (or claimed the host) meanwhile: re-apply on the fresh state.
            }
        }
        LogControl(logger, jobId, AuditAction(control), actor.Name, detail);
        signals.Wake(jobId); // a loop of this job waiting in this process looks at once (another node's: within a tick)
        // Start now: the trigger still waits for the old start time; a new one fires now.
        if (control == JobControl.StartNow) await scheduler.UnscheduleAsync(jobId, ct);
        if (control is not (JobControl.Pause or JobControl.SkipHost)) await ScheduleQuietlyAsync(jobId, job.StartAt, ct);
        return new ControlResult(control, $"Job {jobId}: {detail}.");
    }

    /// <summary>The state change of one control, on the freshly loaded job; returns what happened, for the operator.</summary>
    private async Task<string> ApplyAsync(Job job, JobControl control, Actor actor, string? host, CancellationToken ct)
    {
        switch (control)
        {
            case JobControl.Pause:
                job.Pause($"paused by {actor.Name}");
                return "paused; hosts in flight finish, no new host starts";
            case JobControl.Resume:
                var reason = job.StopReason;
                job.Resume();
                return $"resumed (it was stopped: {reason})";
            case JobControl.Approve:
                return Approve(job, actor);
            case JobControl.StartNow:
                job.StartNow(clock.GetUtcNow().UtcDateTime);
                return "starts now instead of at its start time";
            case JobControl.RetryFailed:
                return await RetryAsync(job, JobControl.RetryFailed, hostname: null, ct);
            case JobControl.RetryHost:
                return await RetryAsync(job, JobControl.RetryHost, host, ct);
            case JobControl.SkipHost:
                job.Require(JobControl.SkipHost, "skip a host");
                (await FindHostAsync(job, host!, ct)).Skip();
                job.Touch();
                return $"{host} skipped; it will not run in this job";
            default:
                throw new InvalidTransitionException($"{JobControlText.Label(control)} is not a control of a job.");
        }
    }

    private string Approve(Job job, Actor actor)
    {
        if (job.AwaitsSecondApproval)
        {
            job.ApproveDangerous(actor.User, actor.IsAdmin);
            return $"approved to start (two-person rule: {job.DangerousCommand}; created by {job.CreatedBy})";
        }
        if (job.AwaitsStartApproval)
        {
            job.ApproveStart(actor.Name);
            return $"approved to start ({job.StartApprovalReason})";
        }
        var batch = job.Batches.OrderBy(b => b.Index).FirstOrDefault(b => b.Status == BatchStatus.Verifying)
            ?? throw new InvalidTransitionException("Cannot approve: no batch is waiting for approval.");
        job.Approve();
        batch.RecordApproval(actor.Name, clock.GetUtcNow().UtcDateTime);
        var next = job.Batches.Where(b => b.Index > batch.Index && b.Status == BatchStatus.Pending).Min(b => (int?)b.Index);
        return next is { } n ? $"batch {batch.Index} approved; batch {n} starts" : $"batch {batch.Index} approved";
    }

    /// <summary>
    /// Failed and timed-out hosts of finished batches (or the one named host) are archived as attempts and become
    /// pending again; their batches reopen and are gated again; once they pass, the job pauses before its next batch
    /// (<see cref="Job.PauseAfterBatch"/>) — a retry never carries a paused job on by itself.
    /// </summary>
    private async Task<string> RetryAsync(Job job, JobControl control, string? hostname, CancellationToken ct)
    {
        var finished = job.Batches.Where(b => b.Status.IsFinished() && b.Status != BatchStatus.Skipped).ToDictionary(b => b.Id);
        var ids = finished.Keys.ToList();
        var query = db.HostTasks.Where(h => h.JobId == job.Id && ids.Contains(h.BatchId)
                                           && (h.Status == HostStatus.Failed || h.Status == HostStatus.TimedOut));
        if (hostname is not null)
        {
            await FindHostAsync(job, hostname, ct); // 404 before 409
            query = query.Where(h => h.Hostname == hostname);
        }
        var hosts = await query.ToListAsync(ct);
        if (hosts.Count == 0)
            throw new InvalidTransitionException(hostname is null
                ? "Cannot retry: no failed or timed-out hosts in finished batches."
                : $"Cannot retry {hostname}: only a failed or timed-out host of a finished batch runs again.");
        var batches = hosts.Select(h => h.BatchId).Distinct().Select(id => finished[id]).OrderBy(b => b.Index).ToList();
        job.ReopenForRetry(control, batches[^1].Index);
        foreach (var h in hosts) db.HostAttempts.Add(h.ArchiveForRetry());
        foreach (var b in batches) b.Reopen();
        var nextPending = job.Batches.Any(b => b.Index > batches[^1].Index && !b.Status.IsFinished());
        var which = batches.Count == 1 ? $"batch {batches[0].Index}" : "batches " + string.Join(", ", batches.Select(b => b.Index));
        var who = hosts.Count == 1 ? $"{hosts[0].Hostname} runs" : $"{hosts.Count} failed or timed-out hosts run";
        return nextPending
            ? $"{who} again in {which}; once {which} passed its gates again the job pauses until you resume it"
            : $"{who} again in {which}; the job finishes after {(hosts.Count == 1 ? "it" : "them")}";
    }

    private async Task<HostTask> FindHostAsync(Job job, string hostname, CancellationToken ct) =>
        await db.HostTasks.SingleOrDefaultAsync(h => h.JobId == job.Id && h.Hostname == hostname, ct)
        ?? throw new HostNotFoundException(job.Id, hostname);

    /// <summary>Saves the control in one transaction; batch counters follow host changes so the page shows them at once.</summary>
    private async Task SaveControlAsync(Job job, JobControl control, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        if (control is JobControl.RetryFailed or JobControl.RetryHost or JobControl.SkipHost)
        {
            foreach (var b in job.Batches.Where(b => !b.Status.IsFinished())) await BatchCounters.RefreshAsync(db, b, ct);
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    private async Task<ControlResult> AbortAsync(long jobId, Actor actor, CancellationToken ct)
    {
        const string detail = "aborted; hosts in flight canceled, hosts not started skipped";
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var job = await LoadAsync(jobId, ct);
            if (attempt == 1) await JobAccess.RequireJobInScopeAsync(db, actor, jobId, ct);
            job.Abort($"aborted by {actor.Name}", clock.GetUtcNow().UtcDateTime);
            db.Audit(clock, actor, AuditAction(JobControl.Abort), AuditTarget(jobId, JobControl.Abort, null), detail);
            try
            {
                await AbortWork.ApplyAsync(db, job, executors.Find(job.Executor), clock, logger, ct);
                break;
            }
            catch (DbUpdateConcurrencyException) when (attempt < ControlAttempts)
            {
                // An engine step changed the job meanwhile: try again on the fresh state.
            }
        }
        LogControl(logger, jobId, AuditAction(JobControl.Abort), actor.Name, detail);
        signals.Wake(jobId);
        await UnscheduleQuietlyAsync(jobId, ct);
        return new ControlResult(JobControl.Abort, $"Job {jobId}: {detail}.");
    }

    private static string AuditAction(JobControl control) =>
        (JobControlText.IsHostControl(control) ? "host." : "job.") + JobControlText.Slug(control);

    private static string AuditTarget(long jobId, JobControl control, string? host) =>
        JobControlText.IsHostControl(control) ? $"{Target(jobId)}/hosts/{host}" : Target(jobId);
}
