using Jobs.Core.Auditing;

namespace Jobs.Core.Application;

public sealed partial class JobService
{
    /// <summary>Pins (keeps past <c>Jobs:Retention:Days</c>) or unpins a job, audited as <c>job.pin</c> / <c>job.unpin</c>.
    /// Not a status control: any status allows it, and it never races an engine step (it leaves the version alone).</summary>
    public async Task<string> SetPinnedAsync(long jobId, bool pinned, Actor actor, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var job = await db.Jobs.FindAsync([jobId], ct) ?? throw new JobNotFoundException(jobId);
        await JobAccess.RequireJobInScopeAsync(db, actor, jobId, ct);
        var detail = pinned ? "pinned: kept when retention purges finished jobs" : "unpinned: purged with other finished jobs once past retention";
        if (job.Pinned == pinned) return $"Job {jobId} is already {(pinned ? "pinned" : "not pinned")}.";
        job.SetPinned(pinned);
        db.Audit(clock, actor, pinned ? "job.pin" : "job.unpin", Target(jobId), detail);
        await db.SaveChangesAsync(ct);
        LogControl(logger, jobId, pinned ? "job.pin" : "job.unpin", actor.Name, detail);
        return $"Job {jobId} {detail}.";
    }
}
