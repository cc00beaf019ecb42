namespace Jobs.Executors.Configuration;

/// <summary>
/// One remote executor instance, bound from <c>Jobs:Executors:&lt;name&gt;</c>. Several instances of a type are allowed
/// (two Salt masters, say); the section name is the executor name jobs refer to.
/// </summary>
/// <remarks>
/// Secrets (<see cref="Password"/>, <see cref="ApiKey"/>, <see cref="Token"/>) are only ever sent to the executor's own API.
/// They are never logged, rendered or returned: <see cref="ToString"/> leaves them out, and the Settings page only shows
/// <see cref="ExecutorKinds.DescribeCredentials"/>.
/// </remarks>
public sealed class RemoteExecutorOptions
{
    /// <summary><c>salt</c>, <c>stackstorm</c> or <c>agent</c>. Other types (<c>local</c>, <c>simulated</c>) are not remote.</summary>
    public string Type { get; set; } = "";

    /// <summary>
    /// Absolute http(s) URL of the API root: salt-api's rest_cherrypy root (<c>https://salt:8000/</c>), StackStorm's nginx root
    /// (the client appends <c>/api/v1/…</c> and <c>/auth/v1/…</c>) — or, with <see cref="AuthUrl"/> set, st2api's own root
    /// (<c>http://st2:9101/</c>, <c>/v1/…</c> appended) — or the agent channel's root (<c>/api/v1/…</c> appended).
    /// </summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>
    /// StackStorm only: st2auth's own root when it is reached without nginx (<c>http://st2:9100/</c>, <c>/v1/tokens</c>
    /// appended). Empty (default): <see cref="BaseUrl"/> is the nginx root serving both <c>/api</c> and <c>/auth</c>.
    /// </summary>
    public string? AuthUrl { get; set; }

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

    public override string ToString() => $"{Type} {BaseUrl}";
}

/// <summary>All remote instances under <c>Jobs:Executors</c>, keyed by name.</summary>
public sealed class RemoteExecutorsOptions
{
    public const string Section = "Jobs:Executors";

    public Dictionary<string, RemoteExecutorOptions> Instances { get; } = new(StringComparer.OrdinalIgnoreCase);
}
