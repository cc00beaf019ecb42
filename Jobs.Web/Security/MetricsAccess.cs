using System.Net;
using Microsoft.Extensions.Options;

namespace Jobs.Web.Security;

/// <summary>Options under <c>Jobs:Telemetry</c> that decide who reads <c>/metrics</c>.</summary>
public sealed class MetricsAccessOptions
{
    /// <summary><c>/metrics</c> without credentials from this machine (a Prometheus or an agent on the same host).
    /// Default false: Prometheus sends a Viewer's API key as <c>Authorization: Bearer jobs_…</c>.</summary>
    public bool AllowLoopbackScrape { get; set; }
}

/// <summary>
/// How a scraper gets into <c>/metrics</c>: Prometheus' <c>authorization</c> (or <c>bearer_token_file</c>) sends
/// <c>Authorization: Bearer &lt;key&gt;</c>, so on this one path a bearer token is read as an API key (a Viewer's is
/// enough); or, when configured, a loopback caller needs none. Everywhere else API keys come in <c>X-Api-Key</c> only.
/// </summary>
public static class MetricsAccess
{
    public const string Path = "/metrics";

    public static bool IsMetrics(HttpContext http) => http.Request.Path.StartsWithSegments(Path);

    /// <summary>The API key a request carries: <c>X-Api-Key</c>, or on <c>/metrics</c> a bearer token.</summary>
    public static string? ApiKey(HttpContext http)
    {
        if (http.Request.Headers.TryGetValue(ApiKeyAuthenticationHandler.Header, out var values))
            return values.Count == 1 && !string.IsNullOrWhiteSpace(values[0]) ? values[0]!.Trim() : null;
        if (!IsMetrics(http)) return null;
        var auth = http.Request.Headers.Authorization.ToString();
        return auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && auth.Length > 7 ? auth[7..].Trim() : null;
    }

    /// <summary>Whether the request should be authenticated by the API key scheme (else the sign-in cookie).</summary>
    public static bool UsesApiKey(HttpContext http) =>
        http.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header) || (IsMetrics(http) && ApiKey(http) is not null);

    public static bool LoopbackAllowed(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptionsMonitor<MetricsAccessOptions>>().CurrentValue.AllowLoopbackScrape
        && http.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip)
        && !http.Request.Headers.ContainsKey("X-Forwarded-For");
}
