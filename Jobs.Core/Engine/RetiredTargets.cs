using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Core.Engine;

/// <summary>Options under <c>Jobs:Engine</c>: what a job does when the CMDB changes under it (issue 15).</summary>
public sealed class TargetOptions
{
    public const string Section = "Jobs:Engine";

    /// <summary>
    /// A target whose server was retired (gone from its inventory source) after the job was created is skipped at dispatch,
    /// with the reason on the host. False runs it anyway (targets stay frozen at creation). Default true.
    /// </summary>
    public bool SkipRetiredTargets { get; set; } = true;
}

/// <summary>A target of a job whose server is now retired or offline in the CMDB.</summary>
public sealed record DriftedTarget(string Hostname, ServerStatus ServerStatus, HostStatus HostStatus);

/// <summary>
/// A job's targets are frozen at creation; the CMDB is not. This is where the two meet: the dispatch skips retired
/// targets, and the dashboard lists targets that were retired or went offline since the job was created.
/// </summary>
public static class RetiredTargets
{
    public const string SkipReason = "skipped: the server was retired in the CMDB (gone from its inventory source) after this job was created";

    /// <summary>Pending hosts of the batch whose server is retired → Skipped with <see cref="SkipReason"/> (one set-based update).</summary>
    public static Task<int> SkipAsync(JobsDbContext db, long batchId, DateTime now, CancellationToken ct) =>
        db.HostTasks
            .Where(h => h.BatchId == batchId && h.Status == HostStatus.Pending
                        && db.Servers.Any(s => s.Hostname == h.Hostname && s.Status == ServerStatus.Retired))
            .ExecuteUpdateAsync(u => u.SetProperty(h => h.Status, HostStatus.Skipped)
                .SetProperty(h => h.FinishedAt, now)
                .SetProperty(h => h.Stderr, SkipReason), ct);

    /// <summary>How many targets of the job are now retired or offline, and the first <paramref name="take"/> of them.</summary>
    public static async Task<(int Count, IReadOnlyList<DriftedTarget> Sample)> DriftAsync(JobsDbContext db, long jobId, int take, CancellationToken ct)
    {
        var drifted = db.HostTasks.AsNoTracking().Where(h => h.JobId == jobId)
            .Join(db.Servers.Where(s => s.Status == ServerStatus.Retired || s.Status == ServerStatus.Offline),
                h => h.Hostname, s => s.Hostname, (h, s) => new { h.Hostname, ServerStatus = s.Status, HostStatus = h.Status });
        var count = await drifted.CountAsync(ct);
        if (count == 0) return (0, []);
        var sample = await drifted.OrderBy(d => d.Hostname).Take(take).ToListAsync(ct);
        return (count, sample.Select(d => new DriftedTarget(d.Hostname, d.ServerStatus, d.HostStatus)).ToList());
    }
}
