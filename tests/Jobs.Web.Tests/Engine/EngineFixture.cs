using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jobs.Core.Domain;
using Jobs.Core.Engine;
using Microsoft.Extensions.DependencyInjection;
using Jobs.Testing;
using Jobs.Web.Infrastructure;
using Jobs.Web.Tests.Infrastructure;

namespace Jobs.Web.Tests.Engine;

/// <summary>Helpers for engine tests through the real app and API: servers in the CMDB, job requests, waiting.</summary>
internal static class EngineFixture
{
    public static readonly JsonSerializerOptions Json = JsonDefaults.Options;

    public static Dictionary<string, string?> FastTicks(int tickMs = 100) => new()
    {
        ["Jobs:Scheduler:TickMilliseconds"] = tickMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Jobs:Scheduler:SystemRetrySeconds"] = "1",
        ["Jobs:Scheduler:ReconcileSeconds"] = "2",
    };

    /// <summary>Adds <paramref name="count"/> online servers spread over 3 IDCs and 4 apps (env prod), plus extra ones.</summary>
    public static async Task SeedServersAsync(TestDatabase database, int count, string prefix = "web", ServerStatus status = ServerStatus.Online,
        string env = "prod")
    {
        await using var db = database.CreateContext();
        var idcs = new[] { "sh1", "sh2", "bj1" };
        var apps = new[] { "order-api", "pay-api", "user-api", "search" };
        var at = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
        {
            db.Servers.Add(new Server($"{prefix}-{i:D5}", $"10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256}", idcs[i % 3], env,
                apps[i / 3 % 4], "web", "linux", status, "ops", [], at));
        }
        await db.SaveChangesAsync();
    }

    public static JsonObject Request(string name, string filter = "env=prod", string executor = "simulated", JsonObject? parameters = null,
        string batches = "1%,5%,10%", int parallelism = 50, JsonObject? gates = null, string onGateFailure = "pause") => new()
    {
        ["name"] = name,
        ["filter"] = filter,
        ["executor"] = executor,
        ["parameters"] = parameters ?? new JsonObject { ["latencyMs"] = 20, ["jitterMs"] = 10, ["failureRate"] = 0, ["seed"] = 1 },
        ["batches"] = batches,
        ["parallelism"] = parallelism,
        ["hostTimeoutSeconds"] = 60,
        ["stratify"] = true,
        ["gates"] = gates ?? new JsonObject { ["maxFailurePercent"] = 10 },
        ["onGateFailure"] = onGateFailure,
    };

    public static async Task<JsonObject> CreateAsync(HttpClient client, JsonObject request)
    {
        var response = await client.PostAsJsonAsync("/api/v1/jobs", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    public static async Task<JsonObject> GetAsync(HttpClient client, long id) =>
        JsonNode.Parse(await client.GetStringAsync($"/api/v1/jobs/{id}"))!.AsObject();

    /// <summary>Polls the job until <paramref name="until"/> holds (or fails the test after <paramref name="timeout"/>).</summary>
    public static async Task<JsonObject> WaitAsync(HttpClient client, long id, Func<JsonObject, bool> until, TimeSpan? timeout = null, string what = "condition")
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(180)); // generous: 2 cores, test classes in parallel
        JsonObject job;
        while (true)
        {
            job = await GetAsync(client, id);
            if (until(job)) return job;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out waiting for {what}; job is {job.ToJsonString()}");
            await Task.Delay(50);
        }
    }

    public static Task<JsonObject> WaitForStatusAsync(HttpClient client, long id, params string[] statuses) =>
        WaitAsync(client, id, j => statuses.Contains(j["status"]!.GetValue<string>()), what: "status " + string.Join("/", statuses));

    public static string Status(JsonObject job) => job["status"]!.GetValue<string>();

    /// <summary>
    /// Steps the job <paramref name="times"/> times by hand, as the scheduler's tick does (one DI scope each). A test
    /// that says "nothing happens while paused" drives the steps itself instead of sleeping and hoping ticks ran.
    /// </summary>
    public static async Task<IReadOnlyList<StepResult>> StepByHandAsync(IServiceProvider app, long jobId, int times = 3)
    {
        var results = new List<StepResult>();
        for (var i = 0; i < times; i++)
        {
            await using var scope = app.CreateAsyncScope();
            results.Add(await scope.ServiceProvider.GetRequiredService<JobEngine>().StepAsync(jobId, CancellationToken.None));
        }
        return results;
    }
}
