using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Jobs.Web.Models;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Web.Services;

/// <summary>
/// Reads for the job pages, projected straight from the context with <c>AsNoTracking</c>. Host counts come from the
/// batch counter columns the engine maintains, so a page never counts a job's host rows; host lists are paged in SQL.
/// </summary>
public sealed class JobQueries(JobsDbContext db, TimeProvider clock)
{
    public const int JobPageSize = 20;
    public const int HostPageSize = 25;

    public async Task<PageOf<JobListItem>> ListAsync(JobListQuery query, CancellationToken ct)
    {
        var jobs = db.Jobs.AsNoTracking();
        if (query.Status is { } status) jobs = jobs.Where(j => j.Status == status);
        if (!string.IsNullOrWhiteSpace(query.Executor)) jobs = jobs.Where(j => j.Executor == query.Executor);
        if (!string.IsNullOrWhiteSpace(query.Name))
        {
            var term = query.Name.Trim().ToLower();
            jobs = jobs.Where(j => j.Name.ToLower().Contains(term));
        }
        var total = await jobs.CountAsync(ct);
        var page = PageOf<JobListItem>.ClampPage(query.Page);
        var items = await ItemsAsync(jobs.OrderByDescending(j => j.Id).Skip((page - 1) * JobPageSize).Take(JobPageSize), ct);
        return new PageOf<JobListItem>(items, total, page, JobPageSize);
    }

    /// <summary>Jobs that are not finished (running first), and the most recent finished ones.</summary>
    public async Task<(IReadOnlyList<JobListItem> Active, IReadOnlyList<JobListItem> Recent)> HomeAsync(int recent, CancellationToken ct)
    {
        var active = await ItemsAsync(db.Jobs.AsNoTracking()
            .Where(j => !JobStatuses.Terminal.Contains(j.Status))
            .OrderByDescending(j => j.Id).Take(50), ct);
        var finished = await ItemsAsync(db.Jobs.AsNoTracking()
            .Where(j => JobStatuses.Terminal.Contains(j.Status))
            .OrderByDescending(j => j.Id).Take(recent), ct);
        // Jobs that need an operator first (issue 9): awaiting approval, stopped by a gate, failing; then the rest.
        var ordered = active.OrderBy(JobAttention.Rank).ThenBy(j => j.Status switch
        {
            JobStatus.Running => 0,
            JobStatus.AwaitingApproval => 1,
            JobStatus.Paused => 2,
            _ => 3,
        }).ThenByDescending(j => j.Id).ToList();
        return (ordered, finished);
    }

    /// <summary>Executor names used by any job (for the list filter).</summary>
    public async Task<IReadOnlyList<string>> UsedExecutorsAsync(CancellationToken ct) =>
        await db.Jobs.AsNoTracking().Select(j => j.Executor).Distinct().OrderBy(e => e).ToListAsync(ct);

    private async Task<IReadOnlyList<JobListItem>> ItemsAsync(IQueryable<Job> jobs, CancellationToken ct)
    {
        var rows = await jobs.Select(j => new
        {
            j.Id, j.Name, j.Executor, j.Status, j.StopReason, j.StopKind, j.CreatedBy, j.CreatedAt, j.StartAt, j.StartedAt, j.FinishedAt, j.TotalHosts,
        }).ToListAsync(ct);
        if (rows.Count == 0) return [];
        var ids = rows.Select(r => r.Id).ToList();
        // One grouped query over the batch rows of this page's jobs (a few rows per job), never over hosts.
        var sums = await db.Batches.AsNoTracking()
            .Where(b => ids.Contains(b.JobId))
            .GroupBy(b => b.JobId)
            .Select(g => new
            {
                JobId = g.Key,
                Batches = g.Count(),
                // The last batch that started: skipped batches of an aborted job never did.
                Current = g.Where(b => b.Status != BatchStatus.Pending && b.Status != BatchStatus.Skipped).Max(b => (int?)b.Index) ?? 0,
                Pending = g.Sum(b => b.Pending),
                Running = g.Sum(b => b.Running),
                Succeeded = g.Sum(b => b.Succeeded),
                Failed = g.Sum(b => b.Failed),
                TimedOut = g.Sum(b => b.TimedOut),
                Canceled = g.Sum(b => b.Canceled),
                Skipped = g.Sum(b => b.Skipped),
            })
            .ToDictionaryAsync(s => s.JobId, ct);
        return rows.Select(r =>
        {
            var counts = sums.TryGetValue(r.Id, out var s)
                ? new HostCounts(r.TotalHosts, s.Pending, s.Running, s.Succeeded, s.Failed, s.TimedOut, s.Canceled, s.Skipped)
                : HostCounts.Empty(r.TotalHosts);
            return new JobListItem(r.Id, r.Name, r.Executor, r.Status, r.StopReason, r.CreatedBy, r.CreatedAt, r.StartAt,
                r.StartedAt, r.FinishedAt, s?.Batches ?? 0, s?.Current ?? 0, counts, r.StopKind);
        }).ToList();
    }

    /// <summary>The job with its batches (one row each); null when it does not exist.</summary>
    public async Task<JobSummary?> SummaryAsync(long id, CancellationToken ct)
    {
        var job = await db.Jobs.AsNoTracking().Where(j => j.Id == id).Select(j => new
        {
            j.Id, j.Name, j.Description, j.Filter, j.Executor, j.ParametersJson, j.BatchPlan, j.Parallelism, j.HostTimeoutSeconds,
            j.Stratify, j.MaxPerAppPercent, j.Gates, j.OnGateFailure, j.Status, j.StopReason, j.CreatedBy, j.CreatedAt, j.StartAt,
            j.StartedAt, j.FinishedAt, j.TotalHosts, j.ExcludedHosts, j.CreatedByUser, j.DangerousCommand, j.SecondApprover,
            j.Version, j.TemplateId, j.TemplateVersion, j.Source, j.StartApprovalReason, j.StartApprovedBy,
            TemplateName = db.JobTemplates.Where(t => t.Id == j.TemplateId).Select(t => t.Name).FirstOrDefault(),
        }).SingleOrDefaultAsync(ct);
        if (job is null) return null;
        var batches = await db.Batches.AsNoTracking().Where(b => b.JobId == id).OrderBy(b => b.Index)
            .Select(b => new BatchRow(b.Index, b.Size, b.Status,
                new HostCounts(b.Size, b.Pending, b.Running, b.Succeeded, b.Failed, b.TimedOut, b.Canceled, b.Skipped),
                b.GatePassed, b.GateReason, b.StartedAt, b.FinishedAt, b.BakeUntil, b.DurationP50Ms, b.DurationP95Ms,
                b.ApprovedBy, b.ApprovedAt))
            .ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var timeline = await TimelineAsync(id, job.StartedAt, job.FinishedAt ?? now, ct);
        var c = batches.Select(b => b.Counts).ToList();
        var counts = new HostCounts(job.TotalHosts, c.Sum(x => x.Pending), c.Sum(x => x.Running), c.Sum(x => x.Succeeded),
            c.Sum(x => x.Failed), c.Sum(x => x.TimedOut), c.Sum(x => x.Canceled), c.Sum(x => x.Skipped));
        return new JobSummary
        {
            Id = job.Id, Name = job.Name, Description = job.Description, Filter = job.Filter, Executor = job.Executor,
            ParametersJson = job.ParametersJson, BatchPlan = job.BatchPlan, Parallelism = job.Parallelism,
            HostTimeoutSeconds = job.HostTimeoutSeconds, Stratify = job.Stratify, MaxPerAppPercent = job.MaxPerAppPercent,
            Gates = job.Gates, OnGateFailure = job.OnGateFailure, Status = job.Status, StopReason = job.StopReason,
            CreatedBy = job.CreatedBy, CreatedAt = job.CreatedAt, StartAt = job.StartAt, StartedAt = job.StartedAt,
            FinishedAt = job.FinishedAt, ExcludedHosts = job.ExcludedHosts, Counts = counts, Batches = batches,
            CreatedByUser = job.CreatedByUser, DangerousCommand = job.DangerousCommand, SecondApprover = job.SecondApprover,
            Version = job.Version, Timeline = timeline, Now = now,
            TemplateId = job.TemplateId, TemplateVersion = job.TemplateVersion, TemplateName = job.TemplateName, Source = job.Source,
            StartApprovalReason = job.StartApprovalReason, StartApprovedBy = job.StartApprovedBy,
        };
    }

    /// <summary>
    /// The finish times of the job's hosts, one column over the job's index, bucketed here so the page gets at most
    /// <see cref="JobLiveDto.TimelineBuckets"/> points whatever the job's size.
    /// </summary>
    private async Task<IReadOnlyList<TimelinePoint>> TimelineAsync(long id, DateTime? startedAt, DateTime end, CancellationToken ct)
    {
        if (startedAt is not { } start) return [];
        var finished = await db.HostTasks.AsNoTracking().Where(h => h.JobId == id && h.FinishedAt != null)
            .Select(h => h.FinishedAt!.Value).ToListAsync(ct);
        var last = finished.Count > 0 ? finished.Max() : start;
        return JobLiveDto.Bucket(finished, start, last > end ? last : end);
    }

    /// <summary>
    /// One page of a job's hosts in dispatch order. The total comes from the batch counters unless a search term
    /// is given (only then is a count run, and it is bounded by the job's index).
    /// </summary>
    public async Task<PageOf<HostRow>> HostsAsync(JobSummary job, HostListQuery query, CancellationToken ct)
    {
        var hosts = db.HostTasks.AsNoTracking().Where(h => h.JobId == job.Id);
        if (query.State is { } state) hosts = hosts.Where(h => h.Status == state);
        if (query.Batch is { } batch) hosts = hosts.Where(h => h.BatchIndex == batch);
        var search = query.Search?.Trim().ToLowerInvariant();
        if (!string.IsNullOrEmpty(search)) hosts = hosts.Where(h => h.Hostname.Contains(search) || h.Ip.Contains(search));
        if (!string.IsNullOrEmpty(query.Error))
        {
            var ids = await new FailureQueries(db).HostIdsAsync(job.Id, query.Error, ct);
            hosts = hosts.Where(h => ids.Contains(h.Id));
        }

        long total;
        if (!string.IsNullOrEmpty(search) || !string.IsNullOrEmpty(query.Error))
        {
            total = await hosts.CountAsync(ct);
        }
        else
        {
            var batches = query.Batch is { } b ? job.Batches.Where(x => x.Index == b) : job.Batches;
            total = batches.Sum(x => query.State is { } s ? x.Counts.Count(s) : x.Size);
        }
        var pageCount = total == 0 ? 1 : (int)((total + HostPageSize - 1) / HostPageSize);
        var page = Math.Min(PageOf<HostRow>.ClampPage(query.Page), pageCount);
        var items = await hosts
            .OrderBy(h => h.BatchIndex).ThenBy(h => h.Position)
            .Skip((page - 1) * HostPageSize).Take(HostPageSize)
            .Select(h => new
            {
                Row = new HostRow(h.Hostname, h.Ip, h.Idc, h.Env, h.App, h.BatchIndex, h.Status, h.Attempt, h.ExitCode,
                    h.Category, h.StartedAt, h.FinishedAt, h.DurationMs, null),
                Stderr = h.Stderr == null ? null : h.Stderr.Substring(0, FailureQueries.ExcerptChars),
            })
            .ToListAsync(ct);
        var rows = items.Select(i => i.Row with { ErrorLine = FailureQueries.FirstLine(i.Stderr) }).ToList();
        return new PageOf<HostRow>(rows, total, page, HostPageSize);
    }

    public async Task<IReadOnlyList<JobExclusionRow>> ExclusionsAsync(long jobId, int take, CancellationToken ct) =>
        await db.JobExclusions.AsNoTracking().Where(e => e.JobId == jobId).OrderBy(e => e.Hostname).Take(take)
            .Select(e => new JobExclusionRow(e.Hostname, e.Reason)).ToListAsync(ct);

    public async Task<HostDetailViewModel?> HostAsync(long jobId, string hostname, CancellationToken ct)
    {
        var job = await db.Jobs.AsNoTracking().Where(j => j.Id == jobId)
            .Select(j => new { j.Name, j.Status, j.Executor, j.ParametersJson }).SingleOrDefaultAsync(ct);
        if (job is null) return null;
        var name = hostname.Trim().ToLowerInvariant();
        var host = await db.HostTasks.AsNoTracking().Where(h => h.JobId == jobId && h.Hostname == name)
            .Select(h => new
            {
                h.Id,
                Row = new HostRow(h.Hostname, h.Ip, h.Idc, h.Env, h.App, h.BatchIndex, h.Status, h.Attempt, h.ExitCode,
                    h.Category, h.StartedAt, h.FinishedAt, h.DurationMs),
                h.ExternalRef, h.Stdout, h.Stderr,
            }).SingleOrDefaultAsync(ct);
        if (host is null) return null;
        var attempts = await db.HostAttempts.AsNoTracking().Where(a => a.HostTaskId == host.Id).OrderByDescending(a => a.Attempt)
            .Select(a => new HostAttemptRow(a.Attempt, a.BatchIndex, a.Status, a.ExitCode, a.Category, a.StartedAt, a.FinishedAt,
                a.ExternalRef, a.Stdout, a.Stderr))
            .ToListAsync(ct);
        return new HostDetailViewModel
        {
            JobId = jobId, JobName = job.Name, JobStatus = job.Status, Host = host.Row, ExternalRef = host.ExternalRef,
            Stdout = host.Stdout, Stderr = host.Stderr, EarlierAttempts = attempts,
            Executor = job.Executor, RenderedParameters = RenderFor(job.ParametersJson, host.Row, jobId),
        };
    }

    /// <summary>The parameters as the engine sends them for this host: the same placeholder values, rendered the same way.</summary>
    private static string? RenderFor(string parametersJson, HostRow h, long jobId)
    {
        if (System.Text.Json.Nodes.JsonNode.Parse(parametersJson) is not System.Text.Json.Nodes.JsonObject parameters) return null;
        var rendered = Jobs.Core.Templating.Placeholders.Render(parameters,
            new Jobs.Core.Templating.PlaceholderValues(h.Hostname, h.Ip, h.Idc, h.Env, h.App, jobId, h.BatchIndex));
        return rendered.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }
}
