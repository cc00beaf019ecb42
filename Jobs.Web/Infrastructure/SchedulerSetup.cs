using Jobs.Core.Scheduling;

namespace Jobs.Web.Infrastructure;

public static class SchedulerSetup
{
    /// <summary>Hangfire with the configured database's storage: it gives live jobs their runners (ADR 0010).
    /// The engine itself is registered by <c>AddJobsCore</c>.</summary>
    public static IServiceCollection AddJobsScheduler(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var (provider, cs) = DatabaseSetup.Resolve(config, env);
        services.AddJobsScheduling(config, DatabaseProviderSetup.For(provider).Scheduler(cs));
        return services;
    }
}
