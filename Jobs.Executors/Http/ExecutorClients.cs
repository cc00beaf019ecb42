using Jobs.Executors.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refit;

namespace Jobs.Executors.Http;

/// <summary>Registers the pieces every remote executor instance is made of; used by the kinds (<c>SaltKind</c>, …).</summary>
public static class ExecutorClients
{
    /// <summary>Refit reads and writes <see cref="System.Text.Json.Nodes.JsonNode"/> bodies; buffered so a retry can send them again.</summary>
    private static readonly RefitSettings Settings = new() { Buffered = true };

    /// <summary>Name of the <see cref="IHttpClientFactory"/> client behind one Refit interface of one instance.</summary>
    public static string ClientName(string instance, Type api) => $"jobs-executor:{instance}:{api.Name}";

    public static RemoteExecutorOptions Options(IServiceProvider sp, string instance) =>
        sp.GetRequiredService<IOptions<RemoteExecutorsOptions>>().Value.Instances[instance];

    /// <summary>The instance's <see cref="ExecutorHttp"/>, keyed by instance name (one per instance, shared by its APIs).</summary>
    public static IServiceCollection AddExecutorHttp(this IServiceCollection services, string instance, string apiLabel)
    {
        services.TryAddKeyedSingleton(instance, (sp, _) => new ExecutorHttp(instance, apiLabel, Options(sp, instance),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Jobs.Executors.Http." + instance)));
        return services;
    }

    /// <summary>
    /// A source-generated Refit client <typeparamref name="TApi"/> keyed by instance name, on its own named HttpClient:
    /// base address from <paramref name="baseAddress"/>, TLS verification per <c>VerifyTls</c>, no redirects or cookies,
    /// and the executor resilience handler. <paramref name="configure"/> adds static credentials (bearer token, API key).
    /// </summary>
    /// <remarks>
    /// The executor is a singleton and keeps the client it resolved (and with it one handler chain, so one breaker state per
    /// instance); the primary handler's <c>PooledConnectionLifetime</c> renews connections, and so DNS, every five minutes.
    /// </remarks>
    public static IHttpClientBuilder AddExecutorApi<TApi>(this IServiceCollection services, string instance,
        Func<RemoteExecutorOptions, Uri> baseAddress, Action<HttpClient, RemoteExecutorOptions>? configure = null)
        where TApi : class
    {
        return services.AddKeyedRefitGeneratedClient<TApi>(instance, _ => Settings, ClientName(instance, typeof(TApi)))
            .ConfigureHttpClient((sp, client) =>
            {
                var o = Options(sp, instance);
                client.BaseAddress = baseAddress(o);
                // The resilience handler's per-attempt timeout governs; the client's own would cut across retries.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("JOBS/1.0");
                client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
                configure?.Invoke(client, o);
            })
            .ConfigurePrimaryHttpMessageHandler(sp => PrimaryHandler(Options(sp, instance)))
            .AddExecutorResilience(instance);
    }

    private static SocketsHttpHandler PrimaryHandler(RemoteExecutorOptions o)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(o.TimeoutSeconds),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false,
            UseCookies = false,
        };
        if (!o.VerifyTls)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        return handler;
    }
}
