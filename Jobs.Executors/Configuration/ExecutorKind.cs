using Jobs.Core.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace Jobs.Executors.Configuration;

/// <summary>
/// Everything JOBS knows about one remote executor type, in one entry: the <c>Type</c> name used in configuration, the
/// label operators read in messages ("salt-api at https://…"), how its credentials are described (never the secret), what
/// its options must hold, and how one configured instance is registered (its Refit clients and its <see cref="IExecutor"/>;
/// the instance's <c>ExecutorHttp</c> is registered for it, with <see cref="ApiLabel"/>).
/// </summary>
/// <remarks>
/// Every member is required, so a new kind that forgets one does not compile; a <c>Type</c> with no entry fails start-up
/// validation naming the known ones. The entries live in the executor folders (<c>SaltKind</c>, …) and are listed once in
/// <c>Jobs.Executors.ExecutorKindTable</c>.
/// </remarks>
public sealed record ExecutorKind(
    string Name,
    string ApiLabel,
    Func<RemoteExecutorOptions, string> DescribeCredentials,
    Func<string, RemoteExecutorOptions, IEnumerable<string>> Validate,
    Action<IServiceCollection, string> Register);

/// <summary>The executor kinds this build knows, by <c>Type</c> name; registered as a singleton.</summary>
public sealed class ExecutorKinds
{
    /// <summary>Types registered by JOBS itself (not HTTP executors); listed so validation can tell them from typos.</summary>
    public static readonly IReadOnlyList<string> BuiltIn = ["local", "simulated"];

    private readonly Dictionary<string, ExecutorKind> _byName;

    public ExecutorKinds(IEnumerable<ExecutorKind> kinds)
    {
        _byName = new Dictionary<string, ExecutorKind>(StringComparer.OrdinalIgnoreCase);
        foreach (var k in kinds)
        {
            if (!_byName.TryAdd(k.Name, k)) throw new InvalidOperationException($"Executor kind '{k.Name}' is listed twice.");
        }
    }

    public IEnumerable<string> Names => _byName.Keys;

    public static bool IsBuiltIn(string? type) => BuiltIn.Contains(type?.Trim().ToLowerInvariant() ?? "");

    public ExecutorKind? Find(string? type) => type is null ? null : _byName.GetValueOrDefault(type.Trim());

    /// <summary>"eauth pam as svc-jobs", "API key (St2-Api-Key)", …; "none" for an unknown type.</summary>
    public string DescribeCredentials(RemoteExecutorOptions o) => Find(o.Type)?.DescribeCredentials(o) ?? "none";
}
