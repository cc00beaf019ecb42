using System.Net.Http.Headers;
using Jobs.Core.Execution;
using Jobs.Executors.Configuration;
using Jobs.Executors.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jobs.Executors.Agent;

/// <summary>The <c>agent</c> executor kind: the per-host agent channel with a bearer token.</summary>
public static class AgentKind
{
    public static readonly ExecutorKind Definition = new(
        Name: "agent",
        ApiLabel: "agent API",
        DescribeCredentials: _ => "bearer token",
        Validate: Validate,
        Register: (services, instance) =>
        {
            services.AddExecutorApi<IAgentApi>(instance, o => ExecutorHttp.WithSlash(o.BaseUrl),
                (client, o) => client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", o.Token));
            services.AddSingleton<IExecutor>(sp => new AgentExecutor(
                sp.GetRequiredKeyedService<IAgentApi>(instance),
                sp.GetRequiredKeyedService<ExecutorHttp>(instance),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<AgentExecutor>>()));
        });

    private static IEnumerable<string> Validate(string key, RemoteExecutorOptions o)
    {
        if (string.IsNullOrEmpty(o.Token)) yield return $"{key}:Token is required for an agent executor";
    }
}
