using Jobs.Core.Execution;
using Jobs.Executors.Agent;
using Jobs.Executors.Http;
using Jobs.Executors.Salt;
using Jobs.Executors.StackStorm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jobs.Executors.Configuration;

/// <summary>Registers the HTTP executors (salt, stackstorm, agent) configured under <c>Jobs:Executors:&lt;name&gt;</c>.</summary>
public static class RemoteExecutorRegistration
{
    /// <summary>Name of the <see cref="IHttpClientFactory"/> client of one instance.</summary>
    public static string ClientName(string executorName) => "jobs-executor:" + executorName;

    /// <remarks>
    /// Instance names are needed to register one named HttpClient and one <see cref="IExecutor"/> per instance, so the
    /// section is read here; the values themselves are bound and validated through options (<c>ValidateOnStart</c>), and a
    /// bad key stops start-up with a message naming it.
    /// </remarks>
    public static IServiceCollection AddRemoteExecutors(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<RemoteExecutorsOptions>()
            .Configure(o => Bind(config, o))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RemoteExecutorsOptions>, RemoteExecutorOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRemoteExecutorCatalog, RemoteExecutorCatalog>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RemoteExecutorStartupCheck>());

        var probe = new RemoteExecutorsOptions();
        Bind(config, probe);
        foreach (var name in probe.Instances.Keys)
        {
            var instance = name;
            services.AddHttpClient(ClientName(instance), (sp, client) =>
                {
                    // Polly's per-attempt timeout governs; the client's own would cut across retries.
                    client.Timeout = Timeout.InfiniteTimeSpan;
                    client.DefaultRequestHeaders.UserAgent.ParseAdd("JOBS/1.0");
                })
                .ConfigurePrimaryHttpMessageHandler(sp =>
                {
                    var o = Options(sp, instance);
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
                });
            services.AddSingleton<IExecutor>(sp => Create(sp, instance));
        }
        return services;
    }

    private static void Bind(IConfiguration config, RemoteExecutorsOptions options)
    {
        foreach (var section in config.GetSection(RemoteExecutorsOptions.Section).GetChildren())
        {
            // local / simulated are registered by the engine; they share the section but are not HTTP executors.
            if (RemoteExecutorTypes.IsBuiltIn(section["Type"]) || RemoteExecutorTypes.IsBuiltIn(section.Key)) continue;
            var o = new RemoteExecutorOptions();
            section.Bind(o);
            options.Instances[section.Key] = o;
        }
    }

    private static RemoteExecutorOptions Options(IServiceProvider sp, string name) =>
        sp.GetRequiredService<IOptions<RemoteExecutorsOptions>>().Value.Instances[name];

    private static IExecutor Create(IServiceProvider sp, string name)
    {
        var o = Options(sp, name);
        var errors = RemoteExecutorOptionsValidator.Check(name, o).ToList();
        if (errors.Count > 0) throw new OptionsValidationException(name, typeof(RemoteExecutorOptions), errors);
        var time = sp.GetRequiredService<TimeProvider>();
        var loggers = sp.GetRequiredService<ILoggerFactory>();
        var factory = sp.GetRequiredService<IHttpClientFactory>();
        var type = o.ParsedType!.Value;
        var label = type switch
        {
            RemoteExecutorType.Salt => "salt-api",
            RemoteExecutorType.StackStorm => "StackStorm",
            _ => "agent API",
        };
        var http = new ExecutorHttp(name, label, o, factory, loggers.CreateLogger("Jobs.Executors.Http." + name));
        return type switch
        {
            RemoteExecutorType.Salt => new SaltExecutor(http, time, loggers.CreateLogger<SaltExecutor>()),
            RemoteExecutorType.StackStorm => new StackStormExecutor(http, time, loggers.CreateLogger<StackStormExecutor>()),
            _ => new AgentExecutor(http, time, loggers.CreateLogger<AgentExecutor>()),
        };
    }
}
