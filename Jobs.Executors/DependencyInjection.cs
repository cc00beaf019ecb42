using Jobs.Core.Execution;
using Jobs.Core.Gates;
using Jobs.Executors.Gates;
using Jobs.Executors.Local;
using Jobs.Executors.NetBox;
using Jobs.Executors.Simulated;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Jobs.Executors;

public static class DependencyInjection
{
    /// <summary>Turns the local executor on or off.</summary>
    public const string LocalEnabledKey = "Jobs:Executors:local:Enabled";

    /// <summary>
    /// Registers the executors: the built-in <c>local</c> and <c>simulated</c>, plus every instance configured under
    /// <c>Jobs:Executors:&lt;name&gt;</c> (<c>Type</c> = salt | stackstorm | agent); and the HTTP clients of the gates.
    /// <para><c>local</c> runs commands on the JOBS machine itself: it exists only when <c>Jobs:Executors:local:Enabled</c>
    /// is true (default: <paramref name="localEnabledByDefault"/>, i.e. true in Development, false elsewhere).</para>
    /// </summary>
    public static IServiceCollection AddJobsExecutors(this IServiceCollection services, IConfiguration config, bool localEnabledByDefault = true)
    {
        services.TryAddSingleton<IExecutorRegistry, ExecutorRegistry>();
        // Start counts are kept only when a test registered a SimulatedStartCounter.
        services.TryAddSingleton(sp => new SimulatedExecutor(sp.GetRequiredService<TimeProvider>(), sp.GetService<SimulatedStartCounter>()));
        services.AddSingleton<IExecutor>(sp => sp.GetRequiredService<SimulatedExecutor>());
        if (config.GetValue<bool?>(LocalEnabledKey) ?? localEnabledByDefault)
        {
            services.TryAddSingleton<LocalExecutor>();
            services.AddSingleton<IExecutor>(sp => sp.GetRequiredService<LocalExecutor>());
        }

        // Per-call timeouts come from the gate settings; the client's own timeout is only a backstop.
        services.AddHttpClient<IHttpProbeClient, HttpProbeClient>(c => c.Timeout = TimeSpan.FromMinutes(5));
        services.AddHttpClient<IPrometheusClient, PrometheusClient>(c => c.Timeout = TimeSpan.FromMinutes(5));
        // Notification webhooks: the per-post timeout is Jobs:Notifications:TimeoutSeconds. HttpClient's own request
        // logging would write each URL — and a webhook's URL carries its token — so it is off for this client.
        services.AddHttpClient<Core.Notifications.IWebhookClient, Notifications.WebhookClient>(c => c.Timeout = TimeSpan.FromMinutes(5))
            .RemoveAllLoggers();

        // salt / stackstorm / agent instances, one registration per configured instance through its kind (ExecutorKindTable).
        services.AddRemoteExecutors(config);
        // Inventory sources (NetBox) configured under Jobs:Inventory:Sources (issue 15).
        services.AddNetBoxSources(config);
        return services;
    }
}
