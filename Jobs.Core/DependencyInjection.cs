using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Jobs.Core;

public static class DependencyInjection
{
    /// <summary>Domain services of JOBS. The database provider is chosen by the host (Jobs.Web).</summary>
    public static IServiceCollection AddJobsCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<Inventory.DemoOptions>().BindConfiguration(Inventory.DemoOptions.Section);
        services.AddOptions<Inventory.ImportOptions>().BindConfiguration(Inventory.ImportOptions.Section)
            .Validate(o => o.MaxBytes > 0 && o.MaxRows > 0, "Jobs:Import:MaxBytes and Jobs:Import:MaxRows must be positive.")
            .ValidateOnStart();
        services.AddScoped<Inventory.ServerQueries>();
        services.AddScoped<Inventory.ServerImporter>();
        services.AddScoped<Inventory.DemoInventorySeeder>();
        return services;
    }
}
