using System.Text.Json.Nodes;
using Jobs.Core.Domain;
using Jobs.Core.Execution;
using Jobs.Executors.Simulated;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jobs.Web.Tests.Engine.EngineFixture;

namespace Jobs.Web.Tests.Engine;

public sealed class GateTests
{
    private static readonly JsonObject Fast = new() { ["latencyMs"] = 10, ["jitterMs"] = 0, ["failureRate"] = 0, ["seed"] = 1 };

    /// <summary>The services of the host the client talks to (the derived one when the test replaced services).</summary>
    private IServiceProvider _host = null!;

    private async Task<(JobsWebFactory App, HttpClient Client, TestDatabase Db)> StartAsync(int servers,
        Action<IServiceCollection>? services = null)
    {
        var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedServersAsync(database, servers);
        var factory = new JobsWebFactory(database, FastTicks());
        var derived = services is null ? factory : factory.WithWebHostBuilder(b => b.ConfigureTestServices(services));
        var client = derived.CreateClient();
        _host = derived.Services;
        return (factory, client, database);
    }

    private static JsonObject Gates(Action<JsonObject> set)
    {
        var g = new JsonObject { ["maxFailurePercent"] = 10 };
        set(g);
        return g;
    }

    [Fact]
    public async Task HttpProbe_PerHostTemplate_PassesWhenEveryHostIsUp_FailsNamingTheDownHost()
    {
        await using var server = await TestHttpServer.StartAsync(app =>
            app.MapGet("/health/{host}", (string host) => Results.Json(new { status = host == "web-00007" ? "DOWN" : "UP", checks = new[] { new { name = "db" } } })));
        var (app, client, db) = await StartAsync(12);
        await using var __ = db; // disposed last: the app must stop before its database goes
        await using var _ = app;
        var probe = new JsonObject { ["url"] = server.Url + "/health/{{host.hostname}}", ["jsonPath"] = "$.status", ["expectValue"] = "UP", ["timeoutSeconds"] = 2 };

        var id = (await CreateAsync(client, Request("probe", parameters: Fast.DeepClone().AsObject(), batches: "2", gates: Gates(g => g["httpProbe"] = probe))))["id"]!.GetValue<long>();
        var job = await WaitForStatusAsync(client, id, "Paused", "Succeeded");

        Assert.Equal("Paused", Status(job));
        var batches = job["batches"]!.AsArray();
        var failedBatch = batches.Single(b => b!["status"]!.GetValue<string>() == "Failed")!;
        Assert.Contains("web-00007", failedBatch["gate"]!["reason"]!.GetValue<string>());
        Assert.Contains("$.status = DOWN, expected UP", failedBatch["gate"]!["reason"]!.GetValue<string>());
        Assert.Contains("probe ok on 2 hosts", batches[0]!["gate"]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task HttpProbe_SingleServiceUrlWrongStatus_FailsWithStatus()
    {
        await using var server = await TestHttpServer.StartAsync(app => app.MapGet("/ready", () => Results.StatusCode(503)));
        var (app, client, db) = await StartAsync(5);
        await using var __ = db; // disposed last: the app must stop before its database goes
        await using var _ = app;

        var id = (await CreateAsync(client, Request("probe503", parameters: Fast.DeepClone().AsObject(), batches: "100%",
            gates: Gates(g => g["httpProbe"] = new JsonObject { ["url"] = server.Url + "/ready" }), onGateFailure: "abort")))["id"]!.GetValue<long>();
        var job = await WaitForStatusAsync(client, id, "Aborted", "Succeeded");

        Assert.Equal("Aborted", Status(job));
        Assert.Equal($"batch 1: probe {server.Url}/ready: HTTP 503, expected 200", job["stopReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Prometheus_ValueBelowMax_Passes_AboveMax_Fails_NoData_Fails()
    {
        var value = "0.001";
        var empty = false;
        // Recorded in the handler and asserted below: an Assert in there would only become an HTTP 500 (issue 13).
        var queries = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var prom = await TestHttpServer.StartAsync(app => app.MapGet("/api/v1/query", (HttpContext ctx) =>
        {
            queries.Enqueue(ctx.Request.Query["query"].ToString());
            var result = empty ? "[]" : $$"""[{"metric":{"job":"order-api"},"value":[1700000000.0,"{{value}}"]}]""";
            return Results.Text("""{"status":"success","data":{"resultType":"vector","result":""" + result + "}}", "application/json");
        }));
        var (app, client, db) = await StartAsync(4);
        await using var __ = db; // disposed last: the app must stop before its database goes
        await using var _ = app;
        JsonObject PromGates() => Gates(g => g["prometheus"] = new JsonObject { ["url"] = prom.Url, ["query"] = "rate(errors[5m])", ["max"] = 0.01 });

        var ok = (await CreateAsync(client, Request("prom-ok", parameters: Fast.DeepClone().AsObject(), batches: "100%", gates: PromGates())))["id"]!.GetValue<long>();
        var passed = await WaitForStatusAsync(client, ok, "Succeeded", "Paused");
        Assert.Equal("Succeeded", Status(passed));
        Assert.Contains("prometheus 0.001 ≤ 0.01", passed["batches"]![0]!["gate"]!["reason"]!.GetValue<string>());

        value = "0.5";
        var high = (await CreateAsync(client, Request("prom-high", parameters: Fast.DeepClone().AsObject(), batches: "100%", gates: PromGates())))["id"]!.GetValue<long>();
        var failed = await WaitForStatusAsync(client, high, "Succeeded", "Paused");
        Assert.Equal("Paused", Status(failed));
        Assert.Equal("batch 1: prometheus rate(errors[5m]) = 0.5 {job=\"order-api\"} > 0.01", failed["stopReason"]!.GetValue<string>());

        empty = true;
        var none = (await CreateAsync(client, Request("prom-none", parameters: Fast.DeepClone().AsObject(), batches: "100%", gates: PromGates())))["id"]!.GetValue<long>();
        var noData = await WaitForStatusAsync(client, none, "Succeeded", "Paused");
        Assert.Equal("Paused", Status(noData));
        Assert.Contains("no data", noData["stopReason"]!.GetValue<string>());
        Assert.NotEmpty(queries);
        Assert.All(queries, q => Assert.Equal("rate(errors[5m])", q));
    }

    [Fact]
    public async Task MaxTotalFailures_Exceeded_StopsMidJob()
    {
        var (app, client, db) = await StartAsync(100);
        await using var __ = db; // disposed last: the app must stop before its database goes
        await using var _ = app;
        var parameters = new JsonObject { ["latencyMs"] = 10, ["jitterMs"] = 0, ["failureRate"] = 0.2, ["seed"] = 11 };

        var id = (await CreateAsync(client, Request("total", parameters: parameters, batches: "10",
            gates: new JsonObject { ["maxTotalFailures"] = 3 })))["id"]!.GetValue<long>();
        var job = await WaitForStatusAsync(client, id, "Paused", "Succeeded", "CompletedWithFailures");

        Assert.Equal("Paused", Status(job));
        Assert.Matches(@"^batch \d+: \d+ failed hosts in the job > maxTotalFailures 3$", job["stopReason"]!.GetValue<string>());
        Assert.True(job["totals"]!["pending"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task EveryHostFailed_NoGates_StillStops()
    {
        var (app, client, db) = await StartAsync(10);
        await using var __ = db; // disposed last: the app must stop before its database goes
        await using var _ = app;
        var parameters = new JsonObject { ["latencyMs"] = 5, ["jitterMs"] = 0, ["failureRate"] = 1, ["seed"] = 1 };

        var id = (await CreateAsync(client, Request("allfail", parameters: parameters, batches: "2", gates: new JsonObject())))["id"]!.GetValue<long>();
        var job = await WaitForStatusAsync(client, id, "Paused", "CompletedWithFailures");

        Assert.Equal("batch 1: every host failed (2 of 2)", job["stopReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task BakeSeconds_WaitsOnTheClock_ThenNextBatch()
    {
        var clock = new ShiftedClock();
        var (app, client, db) = await StartAsync(4, s => s.AddSingleton<TimeProvider>(clock));
        await using var __ = db; // disposed last: the app must stop before its database goes
        await using var _ = app;
        var parameters = new JsonObject { ["latencyMs"] = 0, ["jitterMs"] = 0, ["failureRate"] = 0, ["seed"] = 1 };

        var before = clock.GetUtcNow().UtcDateTime;
        var id = (await CreateAsync(client, Request("bake", parameters: parameters, batches: "2", gates: new JsonObject { ["bakeSeconds"] = 600 })))["id"]!.GetValue<long>();
        var baking = await WaitAsync(client, id, j => j["batches"]![0]!["status"]!.GetValue<string>() == "Verifying", what: "batch 1 baking");
        var readAt = clock.GetUtcNow().UtcDateTime;
        // Bounded by observed events, not by a tolerance (issue 13): the bake began after the batch's last host finished
        // (itself after the job was created) and before the answer was read, and lasts 600 s from then.
        var hosts = JsonNode.Parse(await client.GetStringAsync($"/api/v1/jobs/{id}/hosts?batch=1"))!["items"]!.AsArray();
        var lastFinished = hosts.Max(h => h!["finishedAt"]!.GetValue<DateTime>());
        Assert.True(lastFinished >= before, $"host finished {lastFinished:O}, before the job was created at {before:O}");
        Assert.InRange(baking["batches"]![0]!["bakeUntil"]!.GetValue<DateTime>(), lastFinished.AddSeconds(600), readAt.AddSeconds(600));
        await StepByHandAsync(_host, id);
        Assert.Equal("Pending", (await GetAsync(client, id))["batches"]![1]!["status"]!.GetValue<string>());

        clock.Advance(TimeSpan.FromSeconds(601));
        await WaitAsync(client, id, j => j["batches"]![1]!["status"]!.GetValue<string>() == "Verifying", what: "batch 2 baking");
        Assert.Contains("baked 600 s", (await GetAsync(client, id))["batches"]![0]!["gate"]!["reason"]!.GetValue<string>());
        clock.Advance(TimeSpan.FromSeconds(601));
        Assert.Equal("Succeeded", Status(await WaitForStatusAsync(client, id, "Succeeded")));
    }

    [Fact]
    public async Task ExecutorUnavailable_PausesWithSystemReason_ResumesOnItsOwnWhenBack()
    {
        FlakyExecutor? flaky = null;
        var (app, client, db) = await StartAsync(60, s => s.AddSingleton<IExecutor>(sp => flaky = new FlakyExecutor(new SimulatedExecutor(sp.GetRequiredService<TimeProvider>(), sp.GetService<SimulatedStartCounter>()))));
        await using var __ = db; // disposed last: the app must stop before its database goes
        await using var _ = app;
        var parameters = new JsonObject { ["latencyMs"] = 200, ["jitterMs"] = 0, ["failureRate"] = 0, ["seed"] = 1 };
        var id = (await CreateAsync(client, Request("outage", executor: "flaky", parameters: parameters, batches: "20", parallelism: 10)))["id"]!.GetValue<long>();
        await WaitAsync(client, id, j => j["totals"]!["running"]!.GetValue<int>() > 0, what: "hosts in flight");

        flaky!.Down = true;
        var paused = await WaitForStatusAsync(client, id, "Paused");
        Assert.Equal("System", paused["stopKind"]!.GetValue<string>());
        Assert.Equal("flaky unavailable: flaky-api at http://127.0.0.1:1 unreachable: connection refused", paused["stopReason"]!.GetValue<string>());
        Assert.Equal(0, paused["totals"]!["failed"]!.GetValue<int>());
        // Steps while the executor is still down (each checks whether it is back): it stays paused.
        await StepByHandAsync(_host, id);
        Assert.Equal("Paused", Status(await GetAsync(client, id)));

        flaky.Down = false;
        var done = await WaitForStatusAsync(client, id, "Succeeded");
        Assert.Equal(60, done["totals"]!["succeeded"]!.GetValue<int>());
        Assert.All(flaky.Inner.Starts, s => Assert.Equal(1, s.Value));
        Assert.Equal(60, flaky.Inner.Starts.Count);
    }
}
