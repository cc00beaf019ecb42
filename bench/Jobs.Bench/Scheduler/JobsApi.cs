using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Jobs.Bench.Scheduler;

/// <summary>
/// The JSON API of a node (<c>/api/v1</c>, README "JSON API"), read as JSON rather than through the server's DTO
/// types, so the bench keeps working while those evolve.
/// </summary>
public sealed partial class JobsApi(Uri baseAddress) : IDisposable
{
    private static readonly string[] Terminal = ["Succeeded", "CompletedWithFailures", "Aborted"];

    public HttpClient Http { get; } = CreateClient(baseAddress);

    public static HttpClient CreateClient(Uri baseAddress)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromMinutes(5),
        };
        http.DefaultRequestHeaders.Add("X-Api-Key", JobsNode.ApiKey);
        return http;
    }

    /// <summary>Imports servers from a CSV body (all or nothing).</summary>
    public async Task ImportServersAsync(string csv)
    {
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var response = await Http.PostAsync("api/v1/servers/import", content);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"import: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// Creates a job; when the node refuses the parallelism (its cap is lower), asks again with the cap its message
    /// names. Returns the id, the parallelism used and how long the accepted request took.
    /// </summary>
    public async Task<(long Id, int Parallelism, TimeSpan Elapsed)> CreateJobAsync(JsonObject request)
    {
        while (true)
        {
            var sw = Stopwatch.StartNew();
            using var response = await Http.PostAsJsonAsync("api/v1/jobs", request);
            var body = await response.Content.ReadAsStringAsync();
            sw.Stop();
            if (response.IsSuccessStatusCode)
                return (JsonNode.Parse(body)!["id"]!.GetValue<long>(), request["parallelism"]!.GetValue<int>(), sw.Elapsed);
            if (response.StatusCode == HttpStatusCode.BadRequest && ParallelismCap().Match(body) is { Success: true } cap
                && int.Parse(cap.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) is var max
                && max < request["parallelism"]!.GetValue<int>())
            {
                request["parallelism"] = max;
                continue;
            }
            throw new InvalidOperationException($"create job: {(int)response.StatusCode} {body}");
        }
    }

    public async Task<JsonNode> GetJobAsync(long id) =>
        JsonNode.Parse(await Http.GetStringAsync($"api/v1/jobs/{id}"))!;

    public async Task ControlAsync(long id, string control)
    {
        using var response = await Http.PostAsync($"api/v1/jobs/{id}/{control}", null);
        // 409: the job is already past that control (finished meanwhile) — fine for clean-up.
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.Conflict)
            throw new InvalidOperationException($"{control}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Polls the job every <paramref name="every"/> until <paramref name="until"/> holds or <paramref name="cap"/> passes.</summary>
    public async Task<(JsonNode Job, bool Reached)> WaitAsync(long id, Func<JsonNode, bool> until, TimeSpan cap, TimeSpan? every = null)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            var job = await GetJobAsync(id);
            if (until(job)) return (job, true);
            if (sw.Elapsed > cap) return (job, false);
            await Task.Delay(every ?? TimeSpan.FromMilliseconds(250));
        }
    }

    public static bool IsTerminal(JsonNode job) => Terminal.Contains(job["status"]!.GetValue<string>());

    public static string Status(JsonNode job) => job["status"]!.GetValue<string>();

    public static int Total(JsonNode job, string counter) => job["totals"]![counter]!.GetValue<int>();

    public static DateTime? Time(JsonNode job, string field) =>
        job[field] is { } v ? DateTime.SpecifyKind(v.GetValue<DateTime>(), DateTimeKind.Utc) : null;

    [GeneratedRegex(@"between 1 and ([\d,]+)")]
    private static partial Regex ParallelismCap();

    public void Dispose() => Http.Dispose();
}
