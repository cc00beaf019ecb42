using Jobs.Core.Scheduling;
using Jobs.Web.Api;

namespace Jobs.Web.Infrastructure;

public static class SchedulerSetup
{
    /// <summary>The batch engine's scheduler (Quartz, persistent store on the configured database) and the jobs API reads.</summary>
    public static IServiceCollection AddJobsEngine(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var (provider, cs) = DatabaseSetup.Resolve(config, env);
        services.AddJobsScheduling(config, new SchedulerStore(provider.ToString(), cs));
        services.AddScoped<JobsApiQueries>();
        return services;
    }
}
