using Jobs.Core.Scheduling;

namespace Jobs.Web.Infrastructure;

public static class SchedulerSetup
{
    /// <summary>The scheduler that ticks the batch engine (Quartz, persistent store on the configured database).
    /// The engine itself is registered by <c>AddJobsCore</c>.</summary>
    public static IServiceCollection AddJobsScheduler(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var (provider, cs) = DatabaseSetup.Resolve(config, env);
        services.AddJobsScheduling(config, DatabaseProviderSetup.For(provider).Scheduler(cs));
        return services;
    }
}
