using Jobs.Core.Engine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;

namespace Jobs.Core.Scheduling;

public static class SchedulingSetup
{
    /// <summary>
    /// Quartz with its persistent store, ticking live jobs (see <see cref="QuartzJobScheduler"/>). Where the store lives
    /// is the database's <see cref="ISchedulerStorage"/>: PostgreSQL clustered in the application database (every node
    /// the same <see cref="SchedulerOptions.Name"/>, a generated instance id); SQLite single-process, in the application's
    /// file or a sibling <c>quartz.db</c> (<c>Jobs:Scheduler:SqliteStore</c>, docs/decisions/0002).
    /// </summary>
    public static IServiceCollection AddJobsScheduling(this IServiceCollection services, IConfiguration config, ISchedulerStorage storage)
    {
        var options = config.GetSection(SchedulerOptions.Section).Get<SchedulerOptions>() ?? new SchedulerOptions();
        if (!options.Enabled)
        {
            services.AddSingleton<IJobScheduler, DisabledJobScheduler>();
            return services;
        }
        services.AddSingleton<IJobScheduler, QuartzJobScheduler>();

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
                storage.Configure(s, options);
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

    /// <summary><c>Jobs:Scheduler:Enabled = false</c>: this process only stores jobs; a process with the scheduler on
    /// gives them their triggers through reconciliation.</summary>
    private sealed class DisabledJobScheduler : IJobScheduler
    {
        public Task EnsureScheduledAsync(long jobId, DateTime? startAt, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task UnscheduleAsync(long jobId, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Schedules the recurring reconciliation (first run right away), so every live job gets its trigger.</summary>
    private sealed class ReconcileOnStart(ISchedulerFactory factory, IOptions<SchedulerOptions> options) : IHostedService
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
