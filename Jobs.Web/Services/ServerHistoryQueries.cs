using Jobs.Core.Domain;
using Jobs.Core.Inventory;
using Jobs.Core.Persistence;
using Jobs.Web.Models;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Web.Services;

/// <summary>
/// One server and the jobs that touched it, newest first, with what happened to it in each (issue 9, host history).
/// Read through the (hostname, job) index, so the cost is the server's own history, not the size of all jobs.
/// </summary>
public sealed class ServerHistoryQueries(JobsDbContext db)
{
    public const int MaxJobs = 100;

    public async Task<ServerHistoryViewModel?> GetAsync(string hostname, CancellationToken ct)
    {
        var name = hostname.Trim().ToLowerInvariant();
        var server = await db.Servers.AsNoTracking().Where(s => s.Hostname == name)
            .Select(s => new ServerRow(s.Id, s.Hostname, s.Ip, s.Idc, s.Env, s.App, s.Role, s.Os, s.Status, s.Owner,
                s.Tags.OrderBy(t => t.Name).Select(t => t.Name).ToList(), s.IsDemo, s.UpdatedAt))
            .SingleOrDefaultAsync(ct);
        var rows = await db.HostTasks.AsNoTracking().Where(h => h.Hostname == name)
            .OrderByDescending(h => h.JobId).Take(MaxJobs)
            .Join(db.Jobs.AsNoTracking(), h => h.JobId, j => j.Id, (h, j) => new
            {
                h.JobId, JobName = j.Name, JobStatus = j.Status, j.Executor, h.BatchIndex, h.Status, h.Attempt, h.ExitCode,
                h.FinishedAt, h.StartedAt, Stderr = h.Stderr == null ? null : h.Stderr.Substring(0, FailureQueries.ExcerptChars),
            })
            .ToListAsync(ct);
        if (server is null && rows.Count == 0) return null;
        var total = rows.Count < MaxJobs ? rows.Count : await db.HostTasks.CountAsync(h => h.Hostname == name, ct);
        return new ServerHistoryViewModel
        {
            Hostname = name,
            Server = server,
            Total = total,
            Jobs = rows.Select(r => new ServerHistoryRow(r.JobId, r.JobName, r.JobStatus, r.Executor, r.BatchIndex, r.Status,
                r.Attempt, r.ExitCode, r.StartedAt, r.FinishedAt, FailureQueries.FirstLine(r.Stderr))).ToList(),
        };
    }
}
