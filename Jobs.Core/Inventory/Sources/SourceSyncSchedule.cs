using Jobs.Core.Auditing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Jobs.Core.Inventory.Sources;

/// <summary>
/// The recurring sync of each source on its <c>Schedule</c> (standard cron, UTC, parsed by Cronos) — the one seam between
/// inventory sources and the scheduler. Each source is a durable Quartz job with one one-shot trigger at its next occurrence;
/// after a run the job schedules the following one. Quartz's persistent store makes a PostgreSQL cluster run each occurrence
/// once, and a run is never concurrent with itself.
/// </summary>
/// <remarks>
/// Cron text is kept in standard (Cronos) form rather than translated to Quartz's dialect (seconds field, <c>?</c>). When the
/// scheduler moves to Hangfire this file becomes <c>RecurringJob.AddOrUpdate</c> per source (Hangfire reads the same cron);
/// nothing else changes.
/// </remarks>
internal sealed partial class SourceSyncSchedule(ISchedulerFactory factory, InventorySourceCatalog sources, ILogger<SourceSyncSchedule> logger)
    : IHostedService
{
    public const string Group = "inventory-sync";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        // Start from the configuration: a removed source or a changed Schedule leaves no stale occurrence behind.
        await scheduler.DeleteJobs(GroupMatcher<JobKey>.GroupEquals(Group), cancellationToken);
        foreach (var source in sources.All.Where(s => Cron(s) is not null))
        {
            var job = JobBuilder.Create<SourceSyncJob>().WithIdentity(source.Name, Group).StoreDurably().Build();
            if (Next(source, Now) is not { } next) continue;
            await scheduler.ScheduleJob(job, Trigger(source, next), ScheduleJobOptions.Replacing, cancellationToken);
            LogScheduled(logger, source.Name, source.Options.Schedule, next);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Quartz fires on wall-clock time whatever TimeProvider the engine gets (see SchedulingSetup), so occurrences do too.</summary>
    internal static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    internal static Cronos.CronExpression? Cron(IInventorySource source) =>
        string.IsNullOrWhiteSpace(source.Options.Schedule) ? null : InventorySourcesValidator.ParseSchedule(source.Options.Schedule);

    internal static DateTimeOffset? Next(IInventorySource source, DateTimeOffset after) => Cron(source)?.GetNextOccurrence(after, TimeZoneInfo.Utc);

    /// <summary>A one-shot trigger for one occurrence; its key names the occurrence, so two nodes planning it store it once.</summary>
    internal static ITrigger Trigger(IInventorySource source, DateTimeOffset at) => TriggerBuilder.Create()
        .WithIdentity($"{source.Name}@{at.UtcTicks}", Group)
        .ForJob(source.Name, Group)
        .StartAt(at)
        .WithSchedule(SimpleScheduleBuilder.Create().WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
        .Build();

    [LoggerMessage(EventId = 7201, Level = LogLevel.Information, Message = "Inventory source {Source} syncs on '{Schedule}' (UTC); next at {Next}")]
    private static partial void LogScheduled(ILogger logger, string source, string schedule, DateTimeOffset? next);
}

/// <summary>One scheduled sync: its own DI scope, catch-and-log, then the next occurrence (also after a failure).</summary>
[DisallowConcurrentExecution]
internal sealed partial class SourceSyncJob(IServiceScopeFactory scopes, InventorySourceCatalog sources, ILogger<SourceSyncJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (sources.Find(context.JobDetail.Key.Name) is not { } source) return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<InventorySync>().SyncAsync(source.Name, dryRun: false, confirm: false, Actor.System, cancellationToken);
            if (report?.Error is { } error) LogNotApplied(logger, source.Name, error);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the start-up of the next process schedules the next occurrence.
            return;
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, source.Name);
        }
        // After the run, not at its start: a run longer than the interval skips the occurrences it overlapped.
        var after = context.ScheduledFireTimeUtc is { } scheduled && scheduled > SourceSyncSchedule.Now ? scheduled : SourceSyncSchedule.Now;
        if (SourceSyncSchedule.Next(source, after) is { } next)
            await context.Scheduler.ScheduleTrigger(SourceSyncSchedule.Trigger(source, next), TriggerConflict.Keep, CancellationToken.None);
    }

    [LoggerMessage(EventId = 7202, Level = LogLevel.Warning, Message = "Scheduled sync of inventory source {Source} did not apply: {Reason}")]
    private static partial void LogNotApplied(ILogger logger, string source, string reason);

    [LoggerMessage(EventId = 7203, Level = LogLevel.Error, Message = "Scheduled sync of inventory source {Source} failed")]
    private static partial void LogFailed(ILogger logger, Exception ex, string source);
}
