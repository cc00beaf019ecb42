using Hangfire;
using Jobs.Core.Engine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Jobs.Core.Scheduling;

public static class SchedulingSetup
{
    /// <summary>
    /// Hangfire runs everything in the background (ADR 0010): a short <see cref="StartRunnerJob"/> gives each live job a
    /// runner on whichever node picks it up (<see cref="JobRunners"/>); <see cref="ReconcileRunners"/> recurs every
    /// <see cref="SchedulerOptions.ReconcileSeconds"/>; inventory sources sync on their cron; notification deliveries are
    /// sent every few seconds and retention purges on its cron. The storage is the
    /// database's <see cref="ISchedulerStorage"/>, registered per application — never Hangfire's static
    /// <c>JobStorage.Current</c> — so several hosts in one process (tests) never share one.
    /// </summary>
    public static IServiceCollection AddJobsScheduling(this IServiceCollection services, IConfiguration config, ISchedulerStorage storage)
    {
        var options = config.GetSection(SchedulerOptions.Section).Get<SchedulerOptions>() ?? new SchedulerOptions();
        // Storage and activator per application, before AddHangfire, whose TryAdds would otherwise bind them to
        // Hangfire's process-wide JobStorage.Current and JobActivator.Current.
        services.AddSingleton(sp =>
        {
            sp.GetRequiredService<IGlobalConfiguration>(); // this host's logging first: storages log from their constructor
            return storage.Create(sp.GetRequiredService<IOptions<SchedulerOptions>>().Value);
        });
        services.AddSingleton<JobActivator>(sp => new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, c) => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HangfireLogging(sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>())));
        services.AddTransient<StartRunnerJob>();
        services.AddScoped<ReconcileRunners>();
        services.AddTransient<Inventory.Sources.SourceSyncJob>();
        services.AddSingleton<Inventory.Sources.SourceSyncSchedule>();
        services.AddTransient<Templates.TemplateScheduleJob>();
        // Any node may change a schedule (the recurring job lives in the shared storage); nodes with a server fire it.
        services.Replace(ServiceDescriptor.Singleton<Templates.ITemplateScheduleTriggers, Templates.HangfireTemplateScheduleTriggers>());
        services.AddScoped<IJobScheduler, HangfireJobScheduler>();
        // A web-only node stores jobs and enqueues their runners; the nodes with the scheduler on run them.
        if (!options.Enabled) return services;
        services.AddSingleton<JobRunners>();
        services.AddHangfireServer((sp, o) =>
        {
            var opts = sp.GetRequiredService<IOptions<SchedulerOptions>>().Value;
            o.ServerName = SchedulerOptions.NodeNameOrDefault(opts.NodeName);
            // Runner starts first: they are short, and a live job waiting for one is a stalled rollout.
            o.Queues = [StartRunnerJob.Queue, "default"];
            o.WorkerCount = Math.Max(2, opts.Workers);
            // Hangfire's 15 s default also paces recurring jobs; reconciliation recurs every few seconds.
            o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
            o.ShutdownTimeout = TimeSpan.FromSeconds(15);
        });
        // Registered after the Hangfire server so it stops first: loops end and release their leases before Hangfire goes.
        services.AddHostedService(sp => sp.GetRequiredService<JobRunners>());
        services.AddHostedService<RecurringWorkOnStart>();
        return services;
    }

    /// <summary>At start-up: registers the recurring jobs (reconciliation, inventory sources, the events purge, template schedules), then gives every live job a runner right away (not after
    /// the first recurrence) and schedules the runners of jobs that start later.</summary>
    private sealed class RecurringWorkOnStart(IServiceScopeFactory scopes, IRecurringJobManager recurring, IOptions<SchedulerOptions> options,
        Inventory.Sources.SourceSyncSchedule sources, IOptions<Notifications.NotificationOptions> notifications,
        IOptions<Retention.RetentionOptions> retention) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var seconds = Math.Clamp(options.Value.ReconcileSeconds, 1, 59);
            recurring.AddOrUpdate<ReconcileRunners>(ReconcileRunners.RecurringId, r => r.RunAsync(CancellationToken.None),
                $"*/{seconds} * * * * *", new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            sources.Register();
            recurring.AddOrUpdate<Events.EventHousekeeping>(Events.EventHousekeeping.RecurringId, h => h.PurgeAsync(CancellationToken.None),
                Cron.Hourly(), new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            // Housekeeping (issues 13, 14): due webhook deliveries every few seconds, the retention purge on its cron.
            Notifications.NotificationPass.Register(recurring, notifications.Value);
            Retention.RetentionJob.Register(recurring, retention.Value);
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Templates.TemplateSchedules>().RegisterAllAsync(cancellationToken);
            await scope.ServiceProvider.GetRequiredService<ReconcileRunners>().RunAsync(cancellationToken);
            await scope.ServiceProvider.GetRequiredService<ReconcileRunners>().ScheduleLaterStartsAsync(cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
