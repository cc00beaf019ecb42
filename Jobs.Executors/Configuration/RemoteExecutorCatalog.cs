using Microsoft.Extensions.Options;

namespace Jobs.Executors.Configuration;

/// <summary>What the Settings page may show about a configured HTTP executor: never a secret.</summary>
public sealed record RemoteExecutorInfo(string Name, string Type, string BaseUrl, string CredentialKind, int TimeoutSeconds, bool VerifyTls);

/// <summary>Display facts of the configured HTTP executors, by name.</summary>
public interface IRemoteExecutorCatalog
{
    /// <summary>Null for executors that are not HTTP executors (local, simulated) or not configured.</summary>
    RemoteExecutorInfo? Find(string name);
}

internal sealed class RemoteExecutorCatalog(IOptions<RemoteExecutorsOptions> options, ExecutorKinds kinds) : IRemoteExecutorCatalog
{
    public RemoteExecutorInfo? Find(string name) =>
        options.Value.Instances.TryGetValue(name, out var o) && kinds.Find(o.Type) is { } kind
            ? new RemoteExecutorInfo(name, kind.Name, o.BaseUrl, kind.DescribeCredentials(o), o.TimeoutSeconds, o.VerifyTls)
            : null;
}
