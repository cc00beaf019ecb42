using Jobs.Core.Execution;
using Jobs.Executors.Configuration;
using Jobs.Executors.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jobs.Executors.Salt;

/// <summary>The <c>salt</c> executor kind: salt-api with eauth.</summary>
public static class SaltKind
{
    public static readonly ExecutorKind Definition = new(
        Name: "salt",
        ApiLabel: "salt-api",
        DescribeCredentials: o => $"eauth {o.Eauth} as {o.Username}",
        Validate: Validate,
        Register: (services, instance) =>
        {
            services.AddExecutorApi<ISaltApi>(instance, o => ExecutorHttp.WithSlash(o.BaseUrl));
            services.AddSingleton<IExecutor>(sp => new SaltExecutor(
                sp.GetRequiredKeyedService<ISaltApi>(instance),
                sp.GetRequiredKeyedService<ExecutorHttp>(instance),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<SaltExecutor>>()));
        });

    private static IEnumerable<string> Validate(string key, RemoteExecutorOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.Username)) yield return $"{key}:Username is required for a salt executor";
        if (string.IsNullOrEmpty(o.Password)) yield return $"{key}:Password is required for a salt executor";
        if (string.IsNullOrWhiteSpace(o.Eauth)) yield return $"{key}:Eauth is required for a salt executor (e.g. pam)";
        if (o.SaltChunkSize is < 1 or > 5000) yield return $"{key}:SaltChunkSize must be between 1 and 5000";
    }
}
