using Hangfire;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Jobs.Core.Scheduling;

/// <summary>
/// Every few seconds (a Hangfire recurring job, once per cluster) and at start-up: every job that needs a runner and has
/// no live lease gets one enqueued. This is what re-derives the runners from our tables alone — after a restart with
/// in-memory Hangfire storage, after a node is killed (its leases expire), or after a lost enqueue.
/// </summary>
public sealed partial class ReconcileRunners(JobsDbContext db, IBackgroundJobClient hangfire, ILogger<ReconcileRunners> logger)
{
    public const string RecurringId = "jobs-reconcile-runners";

    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [DisableConcurrentExecution(timeoutInSeconds: 30)]
    [JobDisplayName("Give every live JOBS job a runner")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var orphaned = await RunnerLeases.Orphaned(db, dueBy: now).ToListAsync(cancellationToken);
        foreach (var jobId in orphaned) hangfire.Enqueue<StartRunnerJob>(r => r.StartAsync(jobId, CancellationToken.None));
        if (orphaned.Count > 0) LogReconciled(logger, orphaned.Count, string.Join(", ", orphaned.Take(10)));
    }

    /// <summary>Start-up only: jobs that start later get their delayed runner (in-memory storage forgets them on a
    /// restart; a shared storage may then hold two, which the lease makes harmless).</summary>
    public async Task ScheduleLaterStartsAsync(CancellationToken cancellationToken)
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var later = await db.Jobs.AsNoTracking().Where(j => j.Status == Domain.JobStatus.Scheduled && j.StartAt > now)
            .Select(j => new { j.Id, j.StartAt }).ToListAsync(cancellationToken);
        foreach (var j in later)
            hangfire.Schedule<StartRunnerJob>(r => r.StartAsync(j.Id, CancellationToken.None),
                new DateTimeOffset(DateTime.SpecifyKind(j.StartAt!.Value, DateTimeKind.Utc)));
    }

    [LoggerMessage(EventId = 7310, Level = LogLevel.Information, Message = "Gave {Count} live jobs without a runner a new one: {JobIds}")]
    private static partial void LogReconciled(ILogger logger, int count, string jobIds);
}
