using Jobs.Core.Execution;
using Jobs.Executors.Configuration;
using Jobs.Executors.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jobs.Executors.StackStorm;

/// <summary>The <c>stackstorm</c> executor kind: st2api plus st2auth, behind nginx or on their service ports.</summary>
public static class StackStormKind
{
    public static readonly ExecutorKind Definition = new(
        Name: "stackstorm",
        ApiLabel: "StackStorm",
        DescribeCredentials: o => !string.IsNullOrEmpty(o.ApiKey)
            ? "API key (St2-Api-Key)"
            : $"token for user {o.Username} ({(string.IsNullOrWhiteSpace(o.AuthUrl) ? "/auth/v1/tokens" : o.AuthUrl.TrimEnd('/') + "/v1/tokens")})",
        Validate: Validate,
        Register: (services, instance) =>
        {
            services.AddExecutorApi<IStackStormApi>(instance, StackStormApiClient.ApiRoot, (client, o) =>
            {
                if (!string.IsNullOrEmpty(o.ApiKey)) client.DefaultRequestHeaders.Add("St2-Api-Key", o.ApiKey);
            });
            services.AddExecutorApi<IStackStormAuthApi>(instance, StackStormApiClient.AuthRoot);
            services.AddSingleton<IExecutor>(sp => new StackStormExecutor(
                new StackStormApiClient(
                    sp.GetRequiredKeyedService<IStackStormApi>(instance),
                    sp.GetRequiredKeyedService<IStackStormAuthApi>(instance),
                    sp.GetRequiredKeyedService<ExecutorHttp>(instance),
                    sp.GetRequiredService<TimeProvider>()),
                sp.GetRequiredKeyedService<ExecutorHttp>(instance),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<StackStormExecutor>>()));
        });

    private static IEnumerable<string> Validate(string key, RemoteExecutorOptions o)
    {
        if (string.IsNullOrEmpty(o.ApiKey) && (string.IsNullOrWhiteSpace(o.Username) || string.IsNullOrEmpty(o.Password)))
            yield return $"{key}:ApiKey (or Username and Password) is required for a stackstorm executor";
        if (!string.IsNullOrWhiteSpace(o.AuthUrl) && !RemoteExecutorOptionsValidator.IsHttpUrl(o.AuthUrl))
            yield return $"{key}:AuthUrl must be an absolute http(s) URL (st2auth's root, e.g. http://st2:9100/), or empty behind nginx";
    }
}
