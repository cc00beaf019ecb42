using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jobs.Core.Gates;

namespace Jobs.Executors.Gates;

/// <summary>
/// Prometheus instant queries over the HTTP API (<c>GET /api/v1/query?query=…</c>), typed HttpClient. Handles the
/// <c>vector</c> and <c>scalar</c> result types; anything else, an error status or an unreachable server comes back
/// as <see cref="PrometheusResult.Error"/>.
/// </summary>
internal sealed class PrometheusClient(HttpClient http) : IPrometheusClient
{
    public async Task<PrometheusResult> QueryAsync(string baseUrl, string query, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var url = baseUrl.TrimEnd('/') + "/api/v1/query?query=" + Uri.EscapeDataString(query);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            using var response = await http.GetAsync(url, cts.Token);
            var body = await response.Content.ReadAsStringAsync(cts.Token);
            JsonNode? root;
            try { root = JsonNode.Parse(body); }
            catch (JsonException) { return PrometheusResult.Failed($"HTTP {(int)response.StatusCode}, not a Prometheus answer"); }
            if (root?["status"]?.GetValue<string>() != "success")
                return PrometheusResult.Failed($"HTTP {(int)response.StatusCode}: {root?["error"]?.GetValue<string>() ?? "query failed"}");
            var data = root["data"];
            var type = data?["resultType"]?.GetValue<string>();
            var samples = new List<PrometheusSample>();
            switch (type)
            {
                case "vector":
                    foreach (var series in data!["result"]?.AsArray() ?? [])
                    {
                        var labels = series?["metric"] is JsonObject m
                            ? "{" + string.Join(",", m.Select(kv => $"{kv.Key}=\"{kv.Value}\"")) + "}"
                            : "";
                        samples.Add(new PrometheusSample(labels == "{}" ? "" : labels, Number(series?["value"]?[1])));
                    }
                    break;
                case "scalar":
                    samples.Add(new PrometheusSample("", Number(data!["result"]?[1])));
                    break;
                default:
                    return PrometheusResult.Failed($"result type '{type}' is not supported (use an instant vector or scalar)");
            }
            return new PrometheusResult(samples, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return PrometheusResult.Failed($"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            return PrometheusResult.Failed(ex.Message);
        }
    }

    /// <summary>Prometheus sends sample values as strings ("0.5", "NaN", "+Inf").</summary>
    private static double Number(JsonNode? node) =>
        node?.GetValue<string>() is { } s && double.TryParse(s.Replace("+Inf", "Infinity", StringComparison.Ordinal).Replace("-Inf", "-Infinity", StringComparison.Ordinal),
            NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
}
