using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jobs.Core.Domain;
using Jobs.Executors.Simulated;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jobs.Web.Tests.Engine.EngineFixture;

namespace Jobs.Web.Tests.Engine;

public sealed class JobLifecycleTests
{
    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Job_2000HostsOnePercentFiveTen_SucceedsIn12Batches(TestProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedServersAsync(database, 2000);
        await using var app = new JobsWebFactory(database, FastTicks());
        var client = app.CreateClient();

        var created = await CreateAsync(client, Request("rollout", parallelism: 200));
        var id = created["id"]!.GetValue<long>();
        Assert.Equal(2000, created["totals"]!["hosts"]!.GetValue<int>());
        Assert.Equal([20, 100, 200, 200, 200, 200, 200, 200, 200, 200, 200, 80],
            created["batches"]!.AsArray().Select(b => b!["size"]!.GetValue<int>()));

        var done = await WaitForStatusAsync(client, id, "Succeeded", "CompletedWithFailures", "Paused", "Aborted");
        Assert.Equal("Succeeded", Status(done));
        Assert.Equal(12, done["batches"]!.AsArray().Count);
        Assert.All(done["batches"]!.AsArray(), b =>
        {
            Assert.Equal("Succeeded", b!["status"]!.GetValue<string>());
            Assert.True(b["gate"]!["passed"]!.GetValue<bool>());
        });
        Assert.Equal(2000, done["totals"]!["succeeded"]!.GetValue<int>());

        var sim = app.Services.GetRequiredService<SimulatedExecutor>();
        Assert.Equal(2000, sim.Starts.Count(s => s.Key.JobId == id));
        Assert.All(sim.Starts.Where(s => s.Key.JobId == id), s => Assert.Equal(1, s.Value));
    }

    [Fact]
    public async Task Job_HalfFailingWithTenPercentGate_PausesAfterBatch1WithReason()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedServersAsync(database, 2000);
        await using var app = new JobsWebFactory(database, FastTicks());
        var client = app.CreateClient();

        var request = Request("bad rollout", parameters: new JsonObject { ["latencyMs"] = 10, ["jitterMs"] = 0, ["failureRate"] = 0.5, ["seed"] = 7 });
        var id = (await CreateAsync(client, request))["id"]!.GetValue<long>();

        var job = await WaitForStatusAsync(client, id, "Paused", "Succeeded", "CompletedWithFailures", "Aborted");
        Assert.Equal("Paused", Status(job));
        Assert.Matches(@"^batch 1: failure rate \d+(\.\d+)?% > 10%$", job["stopReason"]!.GetValue<string>());
        Assert.Equal("Gate", job["stopKind"]!.GetValue<string>());
        var batches = job["batches"]!.AsArray();
        Assert.Equal("Failed", batches[0]!["status"]!.GetValue<string>());
        Assert.False(batches[0]!["gate"]!["passed"]!.GetValue<bool>());
        Assert.All(batches.Skip(1), b => Assert.Equal("Pending", b!["status"]!.GetValue<string>()));
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.HostTasks.CountAsync(h => h.JobId == id && h.BatchIndex > 1 && h.Status != HostStatus.Pending));
    }

    [Fact]
    public async Task Create_InvalidFields_Returns400WithFieldErrorsAndCreatesNothing()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedServersAsync(database, 10);
        await using var app = new JobsWebFactory(database, FastTicks());
        var client = app.CreateClient();
        var request = Request("", filter: "env = (", executor: "nope", batches: "0%,abc", parallelism: 0);
        request["parameters"] = new JsonObject { ["command"] = "echo {{host.name}}" };
        request["gates"] = new JsonObject { ["maxFailurePercent"] = 150, ["httpProbe"] = new JsonObject { ["url"] = "ftp://x" } };

        var response = await client.PostAsJsonAsync("/api/v1/jobs", request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        foreach (var field in new[] { "name", "filter", "executor", "batches", "parallelism", "parameters", "gates.maxFailurePercent", "gates.httpProbe.url" })
            Assert.True(errors.ContainsKey(field), $"no error for {field}: {errors.ToJsonString()}");
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.Jobs.CountAsync());
        Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.Action == "job.create"));
    }
}
