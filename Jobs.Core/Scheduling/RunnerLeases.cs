using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Core.Scheduling;

/// <summary>
/// The runner lease of a job (<see cref="RunnerLease"/>): taken, renewed and released with conditional statements, so
/// two nodes — or two runners in one node — never run the same job's loop at once. Times are the node's wall clock
/// (<see cref="TimeProvider.System"/>), never the engine's clock, which tests move by hand.
/// </summary>
internal static class RunnerLeases
{
    private static DateTime Now => TimeProvider.System.GetUtcNow().UtcDateTime;

    /// <summary>Takes the job's lease when it is free, expired or already <paramref name="holder"/>'s.</summary>
    public static async Task<bool> TryTakeAsync(JobsDbContext db, long jobId, string holder, TimeSpan ttl, CancellationToken ct)
    {
        var now = Now;
        var until = now + ttl;
        var taken = await db.RunnerLeases
            .Where(l => l.JobId == jobId && (l.Until < now || l.Holder == holder))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.Until, until), ct);
        if (taken == 1) return true;
        if (await db.RunnerLeases.AnyAsync(l => l.JobId == jobId, ct)) return false;
        db.RunnerLeases.Add(new RunnerLease { JobId = jobId, Holder = holder, Until = until });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another runner inserted it first (or the job is gone): it is theirs.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>Extends the lease; false = it is no longer ours (expired and taken by another node).</summary>
    public static async Task<bool> RenewAsync(JobsDbContext db, long jobId, string holder, TimeSpan ttl, CancellationToken ct)
    {
        var until = Now + ttl;
        return await db.RunnerLeases.Where(l => l.JobId == jobId && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Until, until), ct) == 1;
    }

    public static Task ReleaseAsync(JobsDbContext db, long jobId, string holder, CancellationToken ct) =>
        db.RunnerLeases.Where(l => l.JobId == jobId && l.Holder == holder).ExecuteDeleteAsync(ct);

    /// <summary>Jobs that need a runner: <see cref="JobStatuses.NeedsTicks"/>, or unfinished with hosts still in flight.</summary>
    public static IQueryable<Job> NeedingRunner(JobsDbContext db) =>
        db.Jobs.AsNoTracking().Where(JobStatuses.NeedsTicks)
            .Union(db.Jobs.AsNoTracking().Where(j => !JobStatuses.Terminal.Contains(j.Status)
                && db.HostTasks.Any(h => h.JobId == j.Id && h.Status == HostStatus.Running)));

    /// <summary>Of <see cref="NeedingRunner"/>: those due now whose lease is missing or expired.</summary>
    public static IQueryable<long> Orphaned(JobsDbContext db, DateTime dueBy)
    {
        var now = Now;
        return NeedingRunner(db)
            .Where(j => j.StartAt == null || j.StartAt <= dueBy || j.Status != JobStatus.Scheduled)
            .Where(j => !db.RunnerLeases.Any(l => l.JobId == j.Id && l.Until >= now))
            .Select(j => j.Id);
    }
}
