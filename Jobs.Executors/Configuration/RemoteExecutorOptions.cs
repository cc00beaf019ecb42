namespace Jobs.Executors.Configuration;

/// <summary>
/// One remote executor instance, bound from <c>Jobs:Executors:&lt;name&gt;</c>. Several instances of a type are allowed
/// (two Salt masters, say); the section name is the executor name jobs refer to.
/// </summary>
/// <remarks>
/// Secrets (<see cref="Password"/>, <see cref="ApiKey"/>, <see cref="Token"/>) are only ever sent to the executor's own API.
/// They are never logged, rendered or returned: <see cref="ToString"/> leaves them out, and the Settings page only shows
/// <see cref="CredentialKind"/>.
/// </remarks>
public sealed class RemoteExecutorOptions
{
    /// <summary><c>salt</c>, <c>stackstorm</c> or <c>agent</c>. Other types (<c>local</c>, <c>simulated</c>) are not remote.</summary>
    public string Type { get; set; } = "";

    /// <summary>
    /// Absolute http(s) URL of the API root: salt-api's rest_cherrypy root (<c>https://salt:8000/</c>), StackStorm's nginx root
    /// (the client appends <c>/api/v1/…</c> and <c>/auth/v1/…</c>), or the agent channel's root (<c>/api/v1/…</c> appended).
    /// </summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>Salt eauth user, or StackStorm user for a token (when no <see cref="ApiKey"/>).</summary>
    public string? Username { get; set; }

    /// <summary>Secret. Salt eauth password, or StackStorm password for a token.</summary>
    public string? Password { get; set; }

    /// <summary>Salt eauth backend (<c>pam</c>, <c>ldap</c>, <c>auto</c>, …). Default <c>pam</c>.</summary>
    public string Eauth { get; set; } = "pam";

    /// <summary>Secret. StackStorm API key (<c>St2-Api-Key</c> header); preferred over username/password.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Secret. Agent API bearer token.</summary>
    public string? Token { get; set; }

    /// <summary>Timeout of one HTTP call (each attempt), in seconds. Default 10.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Verify the server's TLS certificate. Default true; false logs a warning at every start.</summary>
    public bool VerifyTls { get; set; } = true;

    /// <summary>Seconds the circuit stays open after the API failed repeatedly (calls fail fast meanwhile). Default 15.</summary>
    public int BreakSeconds { get; set; } = 15;

    /// <summary>Hosts per Salt <c>local_async</c> call (one jid per chunk). Default 200.</summary>
    public int SaltChunkSize { get; set; } = 200;

    public RemoteExecutorType? ParsedType => RemoteExecutorTypes.Parse(Type);

    /// <summary>How the instance authenticates, for display; never the secret itself.</summary>
    public string CredentialKind => ParsedType switch
    {
        RemoteExecutorType.Salt => $"eauth {Eauth} as {Username}",
        RemoteExecutorType.StackStorm when !string.IsNullOrEmpty(ApiKey) => "API key (St2-Api-Key)",
        RemoteExecutorType.StackStorm => $"token for user {Username} (/auth/v1/tokens)",
        RemoteExecutorType.Agent => "bearer token",
        _ => "none",
    };

    public override string ToString() => $"{Type} {BaseUrl} ({CredentialKind})";
}

public enum RemoteExecutorType
{
    Salt = 0,
    StackStorm = 1,
    Agent = 2,
}

public static class RemoteExecutorTypes
{
    /// <summary>Types registered by the engine itself (not HTTP executors); listed so validation can tell them from typos.</summary>
    public static readonly IReadOnlyList<string> BuiltIn = ["local", "simulated"];

    public static bool IsBuiltIn(string? type) => BuiltIn.Contains(type?.Trim().ToLowerInvariant() ?? "");

    public static RemoteExecutorType? Parse(string? type) => type?.Trim().ToLowerInvariant() switch
    {
        "salt" => RemoteExecutorType.Salt,
        "stackstorm" => RemoteExecutorType.StackStorm,
        "agent" => RemoteExecutorType.Agent,
        _ => null,
    };

    public static string Name(RemoteExecutorType t) => t switch
    {
        RemoteExecutorType.Salt => "salt",
        RemoteExecutorType.StackStorm => "stackstorm",
        _ => "agent",
    };
}

/// <summary>All remote instances under <c>Jobs:Executors</c>, keyed by name.</summary>
public sealed class RemoteExecutorsOptions
{
    public const string Section = "Jobs:Executors";

    public Dictionary<string, RemoteExecutorOptions> Instances { get; } = new(StringComparer.OrdinalIgnoreCase);
}
