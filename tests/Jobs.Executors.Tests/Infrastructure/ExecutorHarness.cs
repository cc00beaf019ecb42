using Jobs.Testing;
using Jobs.Core.Execution;
using Jobs.Executors.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jobs.Executors.Tests.Infrastructure;

/// <summary>Builds executors the way the app does (configuration → <c>AddJobsExecutors</c> → DI), with captured logs.</summary>
public sealed class ExecutorHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ExecutorHarness(ServiceProvider services, CapturingLoggerProvider logs)
    {
        _services = services;
        Logs = logs;
    }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => _services;

    public static ExecutorHarness Create(IDictionary<string, string?> settings, TimeProvider? time = null)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        if (time is not null) services.AddSingleton(time);
        services.AddJobsExecutors(config);
        var sp = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        // What ValidateOnStart does at host start.
        _ = sp.GetRequiredService<IOptions<RemoteExecutorsOptions>>().Value;
        return new ExecutorHarness(sp, logs);
    }

    /// <summary>One executor named <paramref name="name"/> of <paramref name="type"/> at <paramref name="baseUrl"/>.</summary>
    public static ExecutorHarness For(string name, string type, Uri baseUrl, IDictionary<string, string?>? extra = null, TimeProvider? time = null)
    {
        var prefix = $"Jobs:Executors:{name}:";
        var settings = new Dictionary<string, string?>
        {
            [prefix + "Type"] = type,
            [prefix + "BaseUrl"] = baseUrl.ToString(),
            [prefix + "TimeoutSeconds"] = "2",
            [prefix + "BreakSeconds"] = "2",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) settings[prefix + k] = v;
        return Create(settings, time);
    }

    public IExecutor Executor(string name) => _services.GetRequiredService<IExecutorRegistry>().Find(name)
        ?? throw new InvalidOperationException($"no executor {name}");

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
