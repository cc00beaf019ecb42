using Jobs.Core.Domain;
using Jobs.Core.Engine;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Jobs.Core.Scheduling;

/// <summary>
/// A tick of one JOBS job: one <see cref="JobEngine.StepAsync"/> in its own DI scope with its own catch-and-log,
/// so a failing step never kills the trigger (the next tick tries again).
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class JobTickJob(IServiceScopeFactory scopes, DatabaseOutage outage, ILogger<JobTickJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (!QuartzJobScheduler.TryParse(context.JobDetail.Key, out var jobId)) return;
        try
        {
            StepResult result;
            await using (var scope = scopes.CreateAsyncScope())
            {
                result = await scope.ServiceProvider.GetRequiredService<JobEngine>().StepAsync(jobId, cancellationToken);
            }
            outage.Recovered();
            if (result == StepResult.Idle) await GoIdleAsync(context, jobId, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down; the next process carries on from the stored state.
        }
        catch (Exception ex)
        {
            // The database away: one line per outage, not a stack trace per tick; the next tick tries again.
            if (!outage.Report(ex, $"the step of job {jobId}")) LogStepFailed(logger, ex, jobId);
        }
    }

    /// <summary>Drops the trigger, then looks again: a resume that raced with this step must not be left without one.</summary>
    private async Task GoIdleAsync(IJobExecutionContext context, long jobId, CancellationToken ct)
    {
        await context.Scheduler.DeleteJob(context.JobDetail.Key, ct);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JobsDbContext>();
        var job = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is { NeedsTicking: true })
            await scope.ServiceProvider.GetRequiredService<IJobScheduler>().EnsureScheduledAsync(jobId, job.StartAt, ct);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Step of job {JobId} failed; the next tick retries")]
    private static partial void LogStepFailed(ILogger logger, Exception ex, long jobId);
}

/// <summary>
/// Makes sure every live job has its trigger: at start-up and then every minute. Covers a trigger lost between a
/// commit and its scheduling, a race between a control and an idle step, and a new node taking over a database.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class ReconcileJob(IServiceScopeFactory scopes, DatabaseOutage outage, ILogger<ReconcileJob> logger) : IJob
{
    public static readonly JobKey Key = new("reconcile", "jobs-system");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<JobsDbContext>();
            var scheduler = scope.ServiceProvider.GetRequiredService<IJobScheduler>();
            // JobStatuses.NeedsTicks, plus any unfinished job whose in-flight hosts still have to report.
            var live = await db.Jobs.AsNoTracking().Where(JobStatuses.NeedsTicks)
                .Union(db.Jobs.AsNoTracking().Where(j => !JobStatuses.Terminal.Contains(j.Status)
                    && db.HostTasks.Any(h => h.JobId == j.Id && h.Status == HostStatus.Running)))
                .Select(j => new { j.Id, j.StartAt })
                .ToListAsync(cancellationToken);
            foreach (var j in live) await scheduler.EnsureScheduledAsync(j.Id, j.StartAt, cancellationToken);
            if (live.Count > 0) LogReconciled(logger, live.Count);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            if (!outage.Report(ex, "trigger reconciliation")) LogReconcileFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Reconciled triggers of {Count} live jobs")]
    private static partial void LogReconciled(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Trigger reconciliation failed; it runs again shortly")]
    private static partial void LogReconcileFailed(ILogger logger, Exception ex);
}
