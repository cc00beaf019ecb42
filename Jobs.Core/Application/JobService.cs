using Jobs.Core.Auditing;
using Jobs.Core.Domain;
using Jobs.Core.Filtering;
using Jobs.Core.Gates;
using Jobs.Core.Templating;
using Jobs.Core.Planning;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Jobs.Core.Engine;

namespace Jobs.Core.Application;

/// <summary>
/// Creates jobs (validate → freeze targets → plan → store in one transaction → schedule) and applies the operator
/// controls (<c>JobService.Controls.cs</c>).
/// </summary>
public sealed partial class JobService(
    JobsDbContext db,
    Execution.IExecutorRegistry executors,
    IJobScheduler scheduler,
    JobSignals signals,
    TimeProvider clock,
    Security.DangerousCommands dangerous,
    ILogger<JobService> logger) : IJobService
{
    /// <summary>How many hosts of each batch a preview lists.</summary>
    public const int PreviewHostsPerBatch = 5;

    public async Task<JobPreview> PreviewAsync(JobRequest request, Actor actor, CancellationToken cancellationToken)
    {
        var prepared = await PrepareAsync(request, actor, cancellationToken);
        return prepared.Preview;
    }

    public Task<long> CreateAsync(JobRequest request, Actor actor, CancellationToken cancellationToken) =>
        CreateAsync(request, actor, JobOrigin.None, cancellationToken);

    public Task<long> CreateAsync(JobRequest request, Actor actor, JobOrigin origin, CancellationToken cancellationToken) =>
        CreateCoreAsync(request, actor, origin, null, null, cancellationToken);

    public async Task<JobCreated> CreateOnceAsync(JobRequest request, Actor actor, JobOrigin origin, string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        if (idempotencyKey is null) return new JobCreated(await CreateAsync(request, actor, origin, cancellationToken), false);
        if (IdempotencyKeys.Problem(idempotencyKey) is { } problem)
            throw new JobValidationException(new Dictionary<string, string[]> { [IdempotencyKeys.Field] = [problem] });

        var fingerprint = IdempotencyKeys.Fingerprint(request, actor);
        if (await ReplayAsync(idempotencyKey, fingerprint, cancellationToken) is { } earlier) return earlier;
        try
        {
            return new JobCreated(await CreateCoreAsync(request, actor, origin, idempotencyKey, fingerprint, cancellationToken), false);
        }
        catch (DbUpdateException ex) when (ex.InnerException is System.Data.Common.DbException error && db.Dialect().Constraints.IsUniqueViolation(error))
        {
            // A concurrent request with the same key committed first (on this node or another): answer with its job.
            db.ChangeTracker.Clear();
            var winner = await ReplayAsync(idempotencyKey, fingerprint, cancellationToken);
            if (winner is null) throw;
            return winner;
        }
    }

    /// <summary>The job an earlier request with this key created, or null; a different request with the key throws.</summary>
    private async Task<JobCreated?> ReplayAsync(string key, string fingerprint, CancellationToken ct)
    {
        var earlier = await db.Jobs.AsNoTracking().Where(j => j.IdempotencyKey == key)
            .Select(j => new { j.Id, j.RequestFingerprint }).SingleOrDefaultAsync(ct);
        if (earlier is null) return null;
        if (earlier.RequestFingerprint != fingerprint) throw new IdempotencyKeyReusedException(key, earlier.Id);
        return new JobCreated(earlier.Id, true);
    }

    private async Task<long> CreateCoreAsync(JobRequest request, Actor actor, JobOrigin origin, string? idempotencyKey, string? fingerprint,
        CancellationToken cancellationToken)
    {
        var prepared = await PrepareAsync(request, actor, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var job = new Job(prepared.Definition, actor.Name, now, actor.User);
        job.SetOrigin(origin);
        if (idempotencyKey is not null) job.KeepIdempotencyKey(idempotencyKey, fingerprint!);
        job.SetPlan(prepared.Batches.Select((b, i) => new Batch(i + 1, b.Count)), prepared.Batches.Sum(b => b.Count), prepared.Excluded.Count);
        if (prepared.Preview.DangerousCommand is { } match) job.RequireSecondApproval(match);

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.Jobs.Add(job);
            await db.SaveChangesAsync(ct);
            db.JobExclusions.AddRange(prepared.Excluded.Select(e => new JobExclusion(job.Id, e.Hostname, e.Reason)));
            var detail = $"{job.Name}: {job.TotalHosts} hosts in {prepared.Batches.Count} batches ({job.BatchPlan}), executor {job.Executor}, " +
                         $"filter \"{job.Filter}\"" + (prepared.Excluded.Count > 0 ? $", {prepared.Excluded.Count} excluded" : "") +
                         (prepared.Preview.Warnings.Count > 0 ? "; warnings: " + string.Join(" ", prepared.Preview.Warnings) : "");
            if (job.AwaitsSecondApproval) detail += $"; two-person rule: {job.DangerousCommand} — waits for an Admin other than {actor.User}";
            if (job.AwaitsStartApproval) detail += $"; waits for an approval before its first batch: {job.StartApprovalReason}";
            if (job.TemplateId is { } t) detail += $"; from template {t} version {job.TemplateVersion}";
            if (job.Source is { } source) detail += $"; started by {source}";
            db.Audit(clock, actor, "job.create", Target(job.Id), detail);
            await db.SaveChangesAsync(ct);
            await HostTaskBulkInsert.InsertAsync(db, job, prepared.Batches, ct);
            await tx.CommitAsync(ct);
        }, cancellationToken);
        LogCreated(logger, job.Id, job.Name, job.TotalHosts, job.Batches.Count);
        // A job held before its first batch (two-person rule, its origin's hold) gets its trigger when it is approved.
        if (!job.HeldBeforeStart) await ScheduleQuietlyAsync(job.Id, job.StartAt, cancellationToken);
        return job.Id;
    }

    private async Task<Job> LoadAsync(long jobId, CancellationToken ct) =>
        await db.Jobs.Include(j => j.Batches).SingleOrDefaultAsync(j => j.Id == jobId, ct) ?? throw new JobNotFoundException(jobId);

    private async Task ScheduleQuietlyAsync(long jobId, DateTime? startAt, CancellationToken ct)
    {
        try
        {
            await scheduler.EnsureScheduledAsync(jobId, startAt, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The job is stored; the scheduler's reconciliation gives it its trigger on the next pass or start-up.
            LogScheduleFailed(logger, ex, jobId);
        }
    }

    private async Task UnscheduleQuietlyAsync(long jobId, CancellationToken ct)
    {
        try
        {
            await scheduler.UnscheduleAsync(jobId, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A leftover trigger finds a terminal job and removes itself.
            LogScheduleFailed(logger, ex, jobId);
        }
    }

    private static string Target(long jobId) => $"job/{jobId}";

    private sealed record Prepared(
        JobDefinition Definition,
        IReadOnlyList<IReadOnlyList<PlanTarget>> Batches,
        IReadOnlyList<ExcludedHost> Excluded,
        JobPreview Preview);

    /// <summary>The one code path of preview and create: validate, select and freeze targets, plan, warn.</summary>
    private async Task<Prepared> PrepareAsync(JobRequest request, Actor actor, CancellationToken ct)
    {
        var validator = new JobRequestValidator(executors, clock);
        var (definition, plan, _) = validator.Validate(request);
        var executor = definition is null ? null : executors.Find(definition.Executor);
        if (executor is { Descriptor.RunsOnJobsMachine: true } && !actor.IsAdmin)
            validator.Add("executor", $"Only an Admin may use the {executor.Name} executor: it runs commands on the JOBS server itself.");

        HostFilter? filter = null;
        if (!string.IsNullOrWhiteSpace(request.Filter))
        {
            try
            {
                filter = HostFilter.Parse(request.Filter);
            }
            catch (FilterSyntaxException ex)
            {
                validator.Add("filter", ex.Message);
            }
        }
        if (validator.HasErrors || definition is null || plan is null || filter is null) throw validator.ToException();

        var matches = await filter.Apply(db.Servers.AsNoTracking())
            .Select(s => new { s.Hostname, s.Ip, s.Idc, s.Env, s.App, s.Status })
            .ToListAsync(ct);
        var targets = matches.Where(s => s.Status == ServerStatus.Online)
            .Select(s => new PlanTarget(s.Hostname, s.Ip, s.Idc, s.Env, s.App)).ToList();
        var excluded = matches.Where(s => s.Status != ServerStatus.Online)
            .OrderBy(s => s.Hostname, StringComparer.Ordinal)
            .Select(s => new ExcludedHost(s.Hostname, s.Status == ServerStatus.Maintenance ? "in maintenance" : "offline")).ToList();
        if (targets.Count == 0)
        {
            validator.Add("filter", matches.Count == 0
                ? "No server matches this filter."
                : $"No online server matches this filter ({matches.Count} match but are offline or in maintenance).");
            throw validator.ToException();
        }
        if (await JobAccess.TargetsOutsideScopeAsync(db, actor, filter, ct) is { } outside)
        {
            validator.Add("filter", outside);
            throw validator.ToException();
        }

        var batches = BatchPlanner.Plan(targets, plan, definition.Stratify, definition.MaxPerAppPercent);
        var risky = JobAccess.FindDangerous(dangerous, executor!, request.Parameters, targets);
        var warnings = Warnings(definition, batches, targets.Count, excluded.Count, risky);
        var preview = new JobPreview(targets.Count, excluded.Count, excluded.Take(20).ToList(),
            batches.Select((b, i) => new PlannedBatch(i + 1, b.Count, b.Take(PreviewHostsPerBatch).Select(h => h.Hostname).ToList())).ToList(),
            warnings, risky);
        return new Prepared(definition, batches, excluded, preview);
    }

    private List<string> Warnings(JobDefinition d, IReadOnlyList<IReadOnlyList<PlanTarget>> batches, int total, int excluded, string? risky)
    {
        var warnings = new List<string>();
        if (executors.Find(d.Executor)?.Descriptor.IsSimulation == true)
            warnings.Add("Simulation: nothing runs on the hosts; results are made up.");
        if (!d.Gates.HasFailureGate)
            warnings.Add(GateSettings.NoFailureGateWarning);
        if (batches.Count > 0 && batches[0].Count * 10 > total && total > 1)
            warnings.Add($"The first batch takes {batches[0].Count} of {total} hosts ({GateEvaluator.Percent(batches[0].Count * 100m / total)}); a canary usually starts below 10%.");
        if (risky is not null)
            warnings.Add($"Two-person rule: the command is dangerous ({risky}). The job waits before its first batch " +
                         "until an Admin other than its creator approves it.");
        if (excluded > 0)
            warnings.Add($"{excluded} matching servers are offline or in maintenance and are excluded.");
        return warnings;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} ({JobName}) created: {Hosts} hosts in {Batches} batches")]
    private static partial void LogCreated(ILogger logger, long jobId, string jobName, int hosts, int batches);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: {Action} by {Actor}: {Detail}")]
    private static partial void LogControl(ILogger logger, long jobId, string action, string actor, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: could not update its scheduler trigger; reconciliation will")]
    private static partial void LogScheduleFailed(ILogger logger, Exception ex, long jobId);
}
