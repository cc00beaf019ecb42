using System.Text.Json;
using Jobs.Core.Inventory.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Refit;

namespace Jobs.Executors.NetBox;

/// <summary>Registers a Refit NetBox client and an <see cref="IInventorySource"/> for each <c>Jobs:Inventory:Sources:&lt;name&gt;</c>.</summary>
public static class NetBoxRegistration
{
    /// <summary>Name of the <see cref="IHttpClientFactory"/> client of one source.</summary>
    public static string ClientName(string source) => "jobs-inventory:" + source;

    /// <remarks>
    /// Source names are needed to register one client per source, so the section is read here; the values are bound and
    /// validated through options (Jobs.Core, <c>ValidateOnStart</c>). Only the source-generated Refit client works on this
    /// build (<c>AddRefitClient</c> needs Refit.Reflection), keyed by the source's name.
    /// </remarks>
    public static IServiceCollection AddNetBoxSources(this IServiceCollection services, IConfiguration config)
    {
        var settings = new RefitSettings(new SystemTextJsonContentSerializer(new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        foreach (var section in config.GetSection(InventorySourcesOptions.Section + ":Sources").GetChildren())
        {
            var name = section.Key;
            if (!string.Equals(section["Type"], InventorySourceOptions.NetBoxType, StringComparison.OrdinalIgnoreCase)) continue;
            services.AddKeyedRefitGeneratedClient<INetBoxApi>(name, settings, ClientName(name))
                .ConfigureHttpClient((sp, client) =>
                {
                    var o = Options(sp, name);
                    client.BaseAddress = new Uri(o.BaseUrl.TrimEnd('/'));
                    // The resilience pipeline's per-attempt timeout governs; the client's own would cut across retries.
                    client.Timeout = Timeout.InfiniteTimeSpan;
                    client.DefaultRequestHeaders.UserAgent.ParseAdd("JOBS/1.0");
                    client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
                    client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", o.Token.Trim());
                })
                .ConfigurePrimaryHttpMessageHandler(sp =>
                {
                    var o = Options(sp, name);
                    var handler = new SocketsHttpHandler
                    {
                        ConnectTimeout = TimeSpan.FromSeconds(o.TimeoutSeconds),
                        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                        // A redirect (missing slash, http → https) is reported, not followed: it would drop the token or loop.
                        AllowAutoRedirect = false,
                        UseCookies = false,
                    };
                    if (!o.VerifyTls) handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
                    return handler;
                })
                .AddResilienceHandler("netbox-read", (pipeline, context) =>
                {
                    // Reads only: every transient failure (connect error, timeout, 5xx, 408, 429) is safe to retry.
                    var o = Options(context.ServiceProvider, name);
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = 2,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = TimeSpan.FromMilliseconds(200),
                    });
                    pipeline.AddTimeout(TimeSpan.FromSeconds(o.TimeoutSeconds));
                });
            services.AddSingleton<IInventorySource>(sp => new NetBoxInventorySource(name, Options(sp, name), sp,
                sp.GetRequiredService<ILogger<NetBoxInventorySource>>()));
        }
        return services;
    }

    private static InventorySourceOptions Options(IServiceProvider sp, string name) =>
        sp.GetRequiredService<IOptions<InventorySourcesOptions>>().Value.Sources[name];
}
