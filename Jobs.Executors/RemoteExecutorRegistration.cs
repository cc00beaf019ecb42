using Jobs.Core.Execution;
using Jobs.Executors.Configuration;
using Jobs.Executors.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Jobs.Executors;

/// <summary>Registers the HTTP executors configured under <c>Jobs:Executors:&lt;name&gt;</c>, each through its kind.</summary>
internal static class RemoteExecutorRegistration
{
    /// <remarks>
    /// Instance names and types are needed to register one Refit client set and one <see cref="IExecutor"/> per instance,
    /// so the section is read here; the values themselves are bound and validated through options (<c>ValidateOnStart</c>),
    /// and a bad key — including a <c>Type</c> no kind answers to — stops start-up with a message naming it.
    /// </remarks>
    public static IServiceCollection AddRemoteExecutors(this IServiceCollection services, IConfiguration config)
    {
        var kinds = new ExecutorKinds(ExecutorKindTable.Remote);
        services.TryAddSingleton(kinds);
        services.AddOptions<RemoteExecutorsOptions>()
            .Configure(o => Bind(config, o))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RemoteExecutorsOptions>, RemoteExecutorOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRemoteExecutorCatalog, RemoteExecutorCatalog>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RemoteExecutorStartupCheck>());

        var configured = new RemoteExecutorsOptions();
        Bind(config, configured);
        foreach (var (name, o) in configured.Instances)
        {
            // An unknown type registers nothing; options validation reports it at start.
            if (kinds.Find(o.Type) is not { } kind) continue;
            services.AddExecutorHttp(name, kind.ApiLabel);
            kind.Register(services, name);
        }
        return services;
    }

    private static void Bind(IConfiguration config, RemoteExecutorsOptions options)
    {
        foreach (var section in config.GetSection(RemoteExecutorsOptions.Section).GetChildren())
        {
            // local / simulated are registered by AddJobsExecutors; they share the section (by type, or by name for
            // "local:Enabled") but are not HTTP executors.
            if (ExecutorKinds.IsBuiltIn(section["Type"]) || ExecutorKinds.IsBuiltIn(section.Key)) continue;
            var o = new RemoteExecutorOptions();
            section.Bind(o);
            options.Instances[section.Key] = o;
        }
    }
}
