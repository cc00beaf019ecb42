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

internal sealed class RemoteExecutorCatalog(IOptions<RemoteExecutorsOptions> options) : IRemoteExecutorCatalog
{
    public RemoteExecutorInfo? Find(string name) =>
        options.Value.Instances.TryGetValue(name, out var o) && o.ParsedType is { } t
            ? new RemoteExecutorInfo(name, RemoteExecutorTypes.Name(t), o.BaseUrl, o.CredentialKind, o.TimeoutSeconds, o.VerifyTls)
            : null;
}
