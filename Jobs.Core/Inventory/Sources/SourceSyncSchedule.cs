using Hangfire;
using Hangfire.Storage;
using Jobs.Core.Auditing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jobs.Core.Inventory.Sources;

/// <summary>
/// The recurring sync of each source on its <c>Schedule</c> (standard cron, UTC; Cronos validates it, and Hangfire reads
/// the same text) — the one seam between inventory sources and the scheduler. Each source is a Hangfire recurring job
/// <c>inventory-sync:{name}</c>; Hangfire runs each occurrence once across the nodes sharing its storage, and a run is never
/// concurrent with itself.
/// </summary>
public sealed partial class SourceSyncSchedule(IRecurringJobManager recurring, JobStorage storage, InventorySourceCatalog sources,
    ILogger<SourceSyncSchedule> logger)
{
    public const string Prefix = "inventory-sync:";

    /// <summary>Registers the configured schedules, and removes those of sources gone or no longer scheduled.</summary>
    public void Register()
    {
        using (var connection = storage.GetConnection())
        {
            foreach (var stale in connection.GetRecurringJobs().Select(j => j.Id).Where(id => id.StartsWith(Prefix, StringComparison.Ordinal)))
                if (sources.Find(stale[Prefix.Length..]) is not { } s || Cron(s) is null) recurring.RemoveIfExists(stale);
        }
        foreach (var source in sources.All.Where(s => Cron(s) is not null))
        {
            var name = source.Name;
            recurring.AddOrUpdate<SourceSyncJob>(Prefix + name, j => j.RunAsync(name, CancellationToken.None), source.Options.Schedule!.Trim(),
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            LogScheduled(logger, name, source.Options.Schedule, Next(source, TimeProvider.System.GetUtcNow()));
        }
    }

    internal static Cronos.CronExpression? Cron(IInventorySource source) =>
        string.IsNullOrWhiteSpace(source.Options.Schedule) ? null : InventorySourcesValidator.ParseSchedule(source.Options.Schedule);

    internal static DateTimeOffset? Next(IInventorySource source, DateTimeOffset after) => Cron(source)?.GetNextOccurrence(after, TimeZoneInfo.Utc);

    [LoggerMessage(EventId = 7201, Level = LogLevel.Information, Message = "Inventory source {Source} syncs on '{Schedule}' (UTC); next at {Next}")]
    private static partial void LogScheduled(ILogger logger, string source, string? schedule, DateTimeOffset? next);
}

/// <summary>One scheduled sync: its own DI scope, catch-and-log (a failed sync waits for its next occurrence).</summary>
public sealed partial class SourceSyncJob(IServiceScopeFactory scopes, InventorySourceCatalog sources, ILogger<SourceSyncJob> logger)
{
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [JobDisplayName("Sync inventory source {0}")]
    public async Task RunAsync(string sourceName, CancellationToken cancellationToken)
    {
        if (sources.Find(sourceName) is not { } source) return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<InventorySync>().SyncAsync(source.Name, dryRun: false, confirm: false, Actor.System, cancellationToken);
            if (report?.Error is { } error) LogNotApplied(logger, source.Name, error);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the next occurrence runs as planned.
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, source.Name);
        }
    }

    [LoggerMessage(EventId = 7202, Level = LogLevel.Warning, Message = "Scheduled sync of inventory source {Source} did not apply: {Reason}")]
    private static partial void LogNotApplied(ILogger logger, string source, string reason);

    [LoggerMessage(EventId = 7203, Level = LogLevel.Error, Message = "Scheduled sync of inventory source {Source} failed")]
    private static partial void LogFailed(ILogger logger, Exception ex, string source);
}
