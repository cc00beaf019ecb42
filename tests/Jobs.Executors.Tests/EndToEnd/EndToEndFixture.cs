using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jobs.Core.Domain;
using Jobs.Testing;

namespace Jobs.Executors.Tests.EndToEnd;

/// <summary>Servers in the CMDB, job requests and waiting, through the real app's jobs API.</summary>
internal static class EndToEndFixture
{
    public static Dictionary<string, string?> Settings(string name, string type, Uri baseUrl, Dictionary<string, string?> credentials)
    {
        var s = new Dictionary<string, string?>
        {
            ["Jobs:Scheduler:TickMilliseconds"] = "100",
            ["Jobs:Scheduler:SystemRetrySeconds"] = "1",
            ["Jobs:Scheduler:ReconcileSeconds"] = "2",
            [$"Jobs:Executors:{name}:Type"] = type,
            [$"Jobs:Executors:{name}:BaseUrl"] = baseUrl.ToString(),
            [$"Jobs:Executors:{name}:TimeoutSeconds"] = "2",
            [$"Jobs:Executors:{name}:BreakSeconds"] = "1",
        };
        foreach (var (k, v) in credentials) s[$"Jobs:Executors:{name}:{k}"] = v;
        return s;
    }

    public static async Task SeedAsync(TestDatabase database, IEnumerable<string> hostnames, string env = "e2e")
    {
        await using var db = database.CreateContext();
        var at = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var i = 0;
        foreach (var h in hostnames)
        {
            db.Servers.Add(new Server(h, $"10.9.0.{++i}", "sh1", env, "order-api", "web", "linux", ServerStatus.Online, "ops", [], at));
        }
        await db.SaveChangesAsync();
    }

    public static JsonObject Request(string executor, JsonObject parameters, string batches = "50%,50%", int hostTimeoutSeconds = 3) => new()
    {
        ["name"] = $"e2e {executor}",
        ["filter"] = "env=e2e",
        ["executor"] = executor,
        ["parameters"] = parameters,
        ["batches"] = batches,
        ["parallelism"] = 10,
        ["hostTimeoutSeconds"] = hostTimeoutSeconds,
        ["stratify"] = false,
        ["gates"] = new JsonObject { ["maxFailurePercent"] = 100 },
        ["onGateFailure"] = "pause",
    };

    public static async Task<long> CreateAsync(HttpClient client, JsonObject request)
    {
        var response = await client.PostAsJsonAsync("/api/v1/jobs", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!["id"]!.GetValue<long>();
    }

    public static async Task<JsonObject> WaitAsync(HttpClient client, long id, Func<JsonObject, bool> until, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(45));
        while (true)
        {
            var job = JsonNode.Parse(await client.GetStringAsync($"/api/v1/jobs/{id}"))!.AsObject();
            if (until(job)) return job;
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting for {what}; job is {job.ToJsonString()}");
            await Task.Delay(50);
        }
    }

    public static Task<JsonObject> WaitForEndAsync(HttpClient client, long id) =>
        WaitAsync(client, id, j => j["status"]!.GetValue<string>() is "Succeeded" or "CompletedWithFailures" or "Aborted", "the job to finish");

    /// <summary>Hosts of the job by hostname.</summary>
    public static async Task<Dictionary<string, JsonObject>> HostsAsync(HttpClient client, long id)
    {
        var page = JsonNode.Parse(await client.GetStringAsync($"/api/v1/jobs/{id}/hosts?take=500"))!;
        return page["items"]!.AsArray().Select(h => h!.AsObject()).ToDictionary(h => h["hostname"]!.GetValue<string>());
    }

    public static string Str(JsonObject o, string key) => o[key]?.ToString() ?? "";
}
