using Jobs.Core.Execution;
using Jobs.Executors.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Jobs.Executors;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the executors: the built-in <c>local</c> and <c>simulated</c>, plus every instance configured under
    /// <c>Jobs:Executors:&lt;name&gt;</c> (<c>Type</c> = salt | stackstorm | agent).
    /// </summary>
    public static IServiceCollection AddJobsExecutors(this IServiceCollection services, IConfiguration config)
    {
        services.TryAddSingleton<IExecutorRegistry, ExecutorRegistry>();
        services.AddRemoteExecutors(config);
        return services;
    }
}
