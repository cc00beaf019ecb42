namespace Jobs.Core.Gates;

/// <summary>The outcome of one check: passed or not, and the reason an operator reads.</summary>
public sealed record GateCheck(bool Passed, string Reason)
{
    public static GateCheck Pass(string reason) => new(true, reason);

    public static GateCheck Fail(string reason) => new(false, reason);
}

/// <summary>HTTP probe used by the <c>httpProbe</c> gate (implemented as a typed HttpClient in Jobs.Executors).</summary>
public interface IHttpProbeClient
{
    /// <summary>GETs <paramref name="url"/>; passes when the status is <paramref name="expectStatus"/> and, if
    /// <paramref name="jsonPath"/> is given, the value it selects equals <paramref name="expectValue"/>
    /// (see <see cref="JsonPathLite"/> for the supported paths). Never throws for network errors: they fail the check.</summary>
    Task<GateCheck> ProbeAsync(string url, int expectStatus, string? jsonPath, string? expectValue, TimeSpan timeout,
        CancellationToken cancellationToken);
}

/// <summary>Prometheus instant queries used by the <c>prometheus</c> gate.</summary>
public interface IPrometheusClient
{
    /// <summary><c>GET {baseUrl}/api/v1/query?query=…</c>. Never throws for network errors: they come back as <see cref="PrometheusResult.Error"/>.</summary>
    Task<PrometheusResult> QueryAsync(string baseUrl, string query, TimeSpan timeout, CancellationToken cancellationToken);
}

/// <summary>Samples of an instant query (one value per series), or why there are none.</summary>
public sealed record PrometheusResult(IReadOnlyList<PrometheusSample> Samples, string? Error)
{
    public static PrometheusResult Failed(string error) => new([], error);
}

public sealed record PrometheusSample(string Labels, double Value);
