using Jobs.Core.Execution;
using Jobs.Core.Gates;
using Jobs.Executors.Gates;
using Jobs.Executors.Local;
using Jobs.Executors.Simulated;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Jobs.Executors;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the executors: the built-in <c>local</c> and <c>simulated</c>, plus every instance configured under
    /// <c>Jobs:Executors:&lt;name&gt;</c> (<c>Type</c> = salt | stackstorm | agent); and the HTTP clients of the gates.
    /// </summary>
    public static IServiceCollection AddJobsExecutors(this IServiceCollection services, IConfiguration config)
    {
        services.TryAddSingleton<IExecutorRegistry, ExecutorRegistry>();
        services.TryAddSingleton<SimulatedExecutor>();
        services.TryAddSingleton<LocalExecutor>();
        services.AddSingleton<IExecutor>(sp => sp.GetRequiredService<SimulatedExecutor>());
        services.AddSingleton<IExecutor>(sp => sp.GetRequiredService<LocalExecutor>());

        // Per-call timeouts come from the gate settings; the client's own timeout is only a backstop.
        services.AddHttpClient<IHttpProbeClient, HttpProbeClient>(c => c.Timeout = TimeSpan.FromMinutes(5));
        services.AddHttpClient<IPrometheusClient, PrometheusClient>(c => c.Timeout = TimeSpan.FromMinutes(5));

        // salt / stackstorm / agent instances, one registration per configured instance through its kind (ExecutorKindTable).
        services.AddRemoteExecutors(config);
        return services;
    }
}
