using Jobs.Core.Engine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;

namespace Jobs.Core.Scheduling;

/// <summary>Where Quartz keeps its triggers.</summary>
/// <param name="Provider"><c>Sqlite</c> or <c>Postgres</c> (as <c>Database:Provider</c>).</param>
/// <param name="ConnectionString">The application database's connection string.</param>
public sealed record SchedulerStore(string Provider, string ConnectionString);

public static class SchedulingSetup
{
    /// <summary>
    /// Quartz with its persistent store, ticking live jobs (see <see cref="QuartzJobScheduler"/>).
    /// PostgreSQL: the application database, clustered (every node the same <see cref="EngineOptions.Name"/>, a
    /// generated instance id). SQLite: Quartz refuses clustering there (single process); triggers live in the application's
    /// file, or in a sibling <c>quartz.db</c> when <c>Jobs:Scheduler:SqliteStore</c> is <c>Sibling</c> (docs/decisions/0002).
    /// </summary>
    public static IServiceCollection AddJobsScheduling(this IServiceCollection services, IConfiguration config, SchedulerStore store)
    {
        var options = config.GetSection(EngineOptions.Section).Get<EngineOptions>() ?? new EngineOptions();
        if (!options.Enabled)
        {
            services.AddSingleton<IJobScheduler, DisabledJobScheduler>();
            return services;
        }
        services.AddSingleton<IJobScheduler, QuartzJobScheduler>();

        var postgres = string.Equals(store.Provider, "Postgres", StringComparison.OrdinalIgnoreCase);
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = options.Name;
                o.GenerateInstanceId = true;
            });
            // Quartz runs on wall-clock time whatever TimeProvider the engine gets (tests drive bake times by hand).
            q.UseTimeProvider(TimeProvider.System);
            q.UseDefaultThreadPool(Math.Max(2, Environment.ProcessorCount * 2));
            q.UsePersistentStore(s =>
            {
                if (postgres)
                {
                    s.UsePostgres(store.ConnectionString);
                    s.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(10));
                }
                else
                {
                    s.UseSqlite(SqliteStoreConnectionString(store.ConnectionString, options.SqliteStore));
                }
                s.UseSerializer<Quartz.Impl.SystemTextJsonObjectSerializer>();
                s.ProvisionSchema();
            });
        });
        services.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = true;
            o.AwaitApplicationStarted = true;
        });
        services.AddHostedService<ReconcileOnStart>();
        // Recurring syncs of inventory sources (issue 15), behind their own seam.
        services.AddHostedService<Inventory.Sources.SourceSyncSchedule>();
        return services;
    }

    /// <summary>The Quartz SQLite connection string: a sibling <c>quartz.db</c> next to the app database, or the app's own.</summary>
    public static string SqliteStoreConnectionString(string appConnectionString, string mode)
    {
        if (string.Equals(mode, "Shared", StringComparison.OrdinalIgnoreCase)) return appConnectionString;
        var builder = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = appConnectionString };
        var key = builder.ContainsKey("Data Source") ? "Data Source" : builder.ContainsKey("DataSource") ? "DataSource" : "Filename";
        var path = builder.TryGetValue(key, out var v) ? v?.ToString() ?? "" : "";
        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        return $"Data Source={Path.Combine(directory, "quartz.db")};Default Timeout=30";
    }

    /// <summary><c>Jobs:Scheduler:Enabled = false</c>: this process only stores jobs; a process with the scheduler on
    /// gives them their triggers through reconciliation.</summary>
    private sealed class DisabledJobScheduler : IJobScheduler
    {
        public Task EnsureScheduledAsync(long jobId, DateTime? startAt, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task UnscheduleAsync(long jobId, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Schedules the recurring reconciliation (first run right away), so every live job gets its trigger.</summary>
    private sealed class ReconcileOnStart(ISchedulerFactory factory, IOptions<EngineOptions> options) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var scheduler = await factory.GetScheduler(cancellationToken);
            var job = JobBuilder.Create<ReconcileJob>().WithIdentity(ReconcileJob.Key).DisallowConcurrentExecution(true).Build();
            var trigger = TriggerBuilder.Create(scheduler.TimeProvider)
                .WithIdentity(new TriggerKey(ReconcileJob.Key.Name, ReconcileJob.Key.Group))
                .ForJob(ReconcileJob.Key)
                .StartNow()
                .WithSchedule(SimpleScheduleBuilder.Create()
                    .WithInterval(TimeSpan.FromSeconds(Math.Max(1, options.Value.ReconcileSeconds)))
                    .RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
                .Build();
            await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
