using Jobs.Core.Domain;
using Jobs.Core.Execution;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Web.Api;

/// <summary>Reads for the jobs API, projected straight from the context. Totals come from the batch counters the
/// engine keeps, never from counting host rows.</summary>
public sealed class JobsApiQueries(JobsDbContext db, IExecutorRegistry executors)
{
    /// <summary>Characters of stdout/stderr the host list returns (the full capped output stays in the database).</summary>
    public const int ExcerptChars = 2000;

    public async Task<JobDto?> GetAsync(long id, CancellationToken ct)
    {
        var job = await db.Jobs.AsNoTracking().Include(j => j.Batches).SingleOrDefaultAsync(j => j.Id == id, ct);
        return job is null ? null : ToDto(job);
    }

    public async Task<PageDto<JobSummaryDto>> ListAsync(JobStatus? status, int skip, int take, CancellationToken ct)
    {
        var query = db.Jobs.AsNoTracking();
        if (status is { } s) query = query.Where(j => j.Status == s);
        var total = await query.CountAsync(ct);
        var jobs = await query.OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id).Skip(skip).Take(take)
            .Include(j => j.Batches).ToListAsync(ct);
        return new PageDto<JobSummaryDto>(total, jobs.Select(j => new JobSummaryDto(j.Id, j.Name, j.Status, j.StopReason, j.Executor,
            IsSimulation(j.Executor), j.CreatedAt, j.StartedAt, j.FinishedAt, Totals(j))).ToList());
    }

    public async Task<PageDto<HostDto>?> HostsAsync(long jobId, HostStatus? status, int? batch, int skip, int take, CancellationToken ct)
    {
        if (!await db.Jobs.AnyAsync(j => j.Id == jobId, ct)) return null;
        var query = db.HostTasks.AsNoTracking().Where(h => h.JobId == jobId);
        if (status is { } s) query = query.Where(h => h.Status == s);
        if (batch is { } b) query = query.Where(h => h.BatchIndex == b);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(h => h.BatchIndex).ThenBy(h => h.Position).Skip(skip).Take(take)
            .Select(h => new HostDto(h.Hostname, h.Ip, h.Idc, h.App, h.BatchIndex, h.Status, h.Attempt, h.ExitCode, h.Category,
                h.StartedAt, h.FinishedAt, h.DurationMs,
                h.Stdout == null ? null : h.Stdout.Substring(0, ExcerptChars),
                h.Stderr == null ? null : h.Stderr.Substring(0, ExcerptChars)))
            .ToListAsync(ct);
        return new PageDto<HostDto>(total, items);
    }

    private bool IsSimulation(string executor) => executors.Find(executor)?.Descriptor.IsSimulation == true;

    private JobDto ToDto(Job j) => new(j.Id, j.Name, j.Description, j.Status, j.StopReason, j.StopKind, j.Executor,
        IsSimulation(j.Executor), j.Filter, j.BatchPlan, j.Parallelism, j.HostTimeoutSeconds, j.Stratify, j.MaxPerAppPercent,
        j.Gates, j.OnGateFailure, j.CreatedBy, j.CreatedAt, j.StartAt, j.StartedAt, j.FinishedAt, j.ExcludedHosts, Totals(j),
        j.Batches.OrderBy(b => b.Index).Select(b => new BatchDto(b.Index, b.Size, b.Status, b.Pending, b.Running, b.Succeeded,
            b.Failed, b.TimedOut, b.Canceled, b.Skipped, b.DurationP50Ms, b.DurationP95Ms, b.StartedAt, b.FinishedAt, b.BakeUntil,
            b.ApprovedBy, b.ApprovedAt, new GateResultDto(b.GatePassed, b.GateReason))).ToList(),
        j.DangerousCommand, j.SecondApprover, j.TemplateId, j.TemplateVersion, j.Source, j.StartApprovalReason);

    /// <summary>Job totals from the batch counters (a job has few batches, so this is cheap); success rate and ETA as
    /// <see cref="JobProgress"/> defines them for every view.</summary>
    private JobTotalsDto Totals(Job j)
    {
        var b = j.Batches;
        int Sum(Func<Batch, int> f) => b.Sum(f);
        int succeeded = Sum(x => x.Succeeded), failed = Sum(x => x.Failed), timedOut = Sum(x => x.TimedOut);
        int canceled = Sum(x => x.Canceled), skipped = Sum(x => x.Skipped);
        var latest = b.Where(x => x.DurationP50Ms is not null).OrderByDescending(x => x.Index).FirstOrDefault();
        var rate = JobProgress.SuccessRate(succeeded, failed, timedOut);
        var eta = JobProgress.Eta(j.Status, j.Parallelism, j.Gates.BakeSeconds,
            b.Select(x => new BatchProgress(x.Index, x.Size, x.Pending + x.Running, x.DurationP50Ms)).ToList());
        var ran = JobProgress.Ran(succeeded, failed, timedOut, canceled);
        var lastStarted = b.Where(x => JobProgress.Started(x.Status)).Select(x => x.Index).DefaultIfEmpty(0).Max();
        return new JobTotalsDto(j.TotalHosts, Sum(x => x.Pending), Sum(x => x.Running), succeeded, failed, timedOut, canceled, skipped,
            rate is { } r ? Math.Round((decimal)r, 1) : null,
            latest?.DurationP50Ms, latest?.DurationP95Ms, eta is { } e ? (int)Math.Ceiling(e.TotalSeconds) : null,
            ran, Math.Round(JobProgress.Percent(ran, j.TotalHosts), 1), JobProgress.StoppedAt(j.Status, lastStarted, b.Count, skipped));
    }
}
