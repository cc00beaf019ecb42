using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jobs.Core.Gates;

namespace Jobs.Executors.Gates;

/// <summary>The <c>httpProbe</c> gate's HTTP client (typed HttpClient). Every failure — network, status, body — is a
/// failed check with its reason; it never throws for them.</summary>
internal sealed class HttpProbeClient(HttpClient http) : IHttpProbeClient
{
    public async Task<GateCheck> ProbeAsync(string url, int expectStatus, string? jsonPath, string? expectValue, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            if ((int)response.StatusCode != expectStatus)
                return GateCheck.Fail($"HTTP {(int)response.StatusCode}, expected {expectStatus}");
            if (string.IsNullOrEmpty(jsonPath)) return GateCheck.Pass($"HTTP {(int)response.StatusCode}");
            var body = await response.Content.ReadAsStringAsync(cts.Token);
            JsonNode? root;
            try
            {
                root = JsonNode.Parse(body);
            }
            catch (JsonException)
            {
                return GateCheck.Fail("the response is not JSON");
            }
            if (!JsonPathLite.TrySelect(root, jsonPath, out var value, out var error)) return GateCheck.Fail(error ?? $"{jsonPath} not found");
            return value == expectValue
                ? GateCheck.Pass($"{jsonPath} = {value}")
                : GateCheck.Fail($"{jsonPath} = {value ?? "null"}, expected {expectValue}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return GateCheck.Fail($"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            return GateCheck.Fail(ex.StatusCode is HttpStatusCode code ? $"HTTP {(int)code}" : ex.Message);
        }
    }
}
