using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Jobs.Core;

public static class DependencyInjection
{
    /// <summary>Domain services of JOBS. The database provider is chosen by the host (Jobs.Web).</summary>
    public static IServiceCollection AddJobsCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
