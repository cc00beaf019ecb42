using Jobs.Core.Auditing;
using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jobs.Core.Retention;

/// <summary>What one purge removed.</summary>
public sealed record PurgeResult(int Jobs, long Hosts);

/// <summary>
/// Housekeeping: finished jobs whose end is older than <see cref="RetentionOptions.Days"/> and that are not pinned
/// are deleted with everything they own. A job's host rows (and their archived attempts) go first, in chunks of
/// <see cref="RetentionOptions.ChunkSize"/>, each its own short statement, so a 100,000-host job never becomes one huge
/// transaction; then the job row with its batches, exclusions and notification deliveries (the database cascades
/// those, all small) and its audit entry, together. Audit entries are never deleted: the job's history stays readable.
/// </summary>
/// <remarks>A purge stopped half-way (a restart) leaves a finished job with fewer host rows; the next run finishes
/// it. Each chunk re-checks that the job is still purgeable, so a job pinned (or retried) meanwhile is left alone.</remarks>
public sealed partial class JobRetention(JobsDbContext db, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<JobRetention> logger)
{
    private const int JobsPerQuery = 100;

    private RetentionOptions Options => options.Value;

    /// <summary>Purges every job due for it; logs and returns the counts.</summary>
    public async Task<PurgeResult> PurgeAsync(CancellationToken ct)
    {
        if (Options.Days <= 0) return new PurgeResult(0, 0);
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-Options.Days);
        var jobs = 0;
        long hosts = 0;
        long after = 0;
        while (true)
        {
            var ids = await Purgeable(cutoff).Where(j => j.Id > after).OrderBy(j => j.Id).Select(j => j.Id).Take(JobsPerQuery).ToListAsync(ct);
            if (ids.Count == 0) break;
            foreach (var id in ids)
            {
                if (await PurgeJobAsync(id, cutoff, ct) is { } n)
                {
                    jobs++;
                    hosts += n;
                }
            }
            after = ids[^1];
        }
        LogPurged(logger, jobs, hosts, Options.Days);
        return new PurgeResult(jobs, hosts);
    }

    private IQueryable<Job> Purgeable(DateTime cutoff) =>
        db.Jobs.Where(j => JobStatuses.Terminal.Contains(j.Status) && j.FinishedAt < cutoff && !j.Pinned);

    /// <summary>Deletes one job; null when it stopped being purgeable on the way.</summary>
    private async Task<long?> PurgeJobAsync(long jobId, DateTime cutoff, CancellationToken ct)
    {
        var chunk = Math.Max(1, Options.ChunkSize);
        long hosts = 0;
        while (true)
        {
            if (!await Purgeable(cutoff).AnyAsync(j => j.Id == jobId, ct)) return null;
            var ids = await db.HostTasks.AsNoTracking().Where(h => h.JobId == jobId).OrderBy(h => h.Id)
                .Select(h => h.Id).Take(chunk).ToListAsync(ct);
            if (ids.Count == 0) break;
            await db.HostAttempts.Where(a => ids.Contains(a.HostTaskId)).ExecuteDeleteAsync(ct);
            hosts += await db.HostTasks.Where(h => ids.Contains(h.Id)).ExecuteDeleteAsync(ct);
        }
        var job = await db.Jobs.AsNoTracking().Where(j => j.Id == jobId)
            .Select(j => new { j.Name, j.Status, j.FinishedAt, j.TotalHosts }).SingleAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await Purgeable(cutoff).Where(j => j.Id == jobId).ExecuteDeleteAsync(ct) == 0) return null;
        db.Audit(clock, Actor.System, "job.purge", $"job/{jobId}",
            $"{job.Name}: {StatusText.Label(job.Status).ToLowerInvariant()} at {job.FinishedAt:yyyy-MM-dd HH:mm} UTC, " +
            $"{job.TotalHosts} hosts; purged after {Options.Days} days (Jobs:Retention:Days)");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return hosts;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: purged {Jobs} finished jobs with {Hosts} host rows (older than {Days} days, not pinned)")]
    private static partial void LogPurged(ILogger logger, int jobs, long hosts, int days);
}
