using System.Net;
using System.Text.Json.Nodes;
using Jobs.Core.Domain;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Jobs.Web.Tests.Engine.EngineFixture;

namespace Jobs.Web.Tests.Engine;

/// <summary>Issue 13: retry-failed on a job a gate paused runs the failed hosts again and re-checks that batch's gate.</summary>
public sealed class RetryRegateTests
{
    [Fact]
    public async Task RetryFailed_JobPausedByGate_RerunsFailedHostsAndRegatesTheBatch_Issue13()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedServersAsync(database, 100);
        await using var app = new JobsWebFactory(database, FastTicks());
        var client = app.CreateClient();
        var parameters = new JsonObject { ["latencyMs"] = 5, ["jitterMs"] = 0, ["failureRate"] = 0.3, ["seed"] = 7 };
        var id = (await CreateAsync(client, Request("regate", parameters: parameters, batches: "20,80",
            gates: new JsonObject { ["maxFailurePercent"] = 10 })))["id"]!.GetValue<long>();

        var gated = await WaitAsync(client, id, j => Status(j) == "Paused" && j["totals"]!["running"]!.GetValue<int>() == 0, what: "gate pause");
        Assert.Equal("Gate", gated["stopKind"]!.GetValue<string>());
        var batch1 = gated["batches"]![0]!;
        Assert.False(batch1["gate"]!["passed"]!.GetValue<bool>());
        var failedFirst = batch1["failed"]!.GetValue<int>();
        Assert.True(failedFirst * 100 > 10 * 20, $"{failedFirst} of 20 failed: the gate must have failed");

        var retry = await client.PostAsync($"/api/v1/jobs/{id}/retry-failed", null);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.NotEqual("Paused", Status(JsonNode.Parse(await retry.Content.ReadAsStringAsync())!.AsObject()));

        var after = await WaitAsync(client, id, j => Status(j) == "Paused" && j["totals"]!["running"]!.GetValue<int>() == 0
                                                     && j["batches"]![0]!["pending"]!.GetValue<int>() == 0, what: "retried batch re-gated");
        await using var db = database.CreateContext();
        var retried = await db.HostTasks.Where(h => h.JobId == id && h.BatchIndex == 1 && h.Attempt == 2).ToListAsync();
        Assert.Equal(failedFirst, retried.Count);
        Assert.Equal(failedFirst, await db.HostAttempts.CountAsync(a => a.JobId == id && a.Attempt == 1 && a.Status == HostStatus.Failed));
        // The gate was evaluated again on the batch as it is now, not kept from before.
        var failedNow = await db.HostTasks.CountAsync(h => h.JobId == id && h.BatchIndex == 1 && h.Status == HostStatus.Failed);
        var regated = after["batches"]![0]!;
        Assert.Equal(failedNow, regated["failed"]!.GetValue<int>());
        Assert.Equal(failedNow * 100 <= 10 * 20, regated["gate"]!["passed"]!.GetValue<bool>());
        // Whatever the verdict, the job waits for an operator and batch 2 has not started.
        Assert.Equal(0, await db.HostTasks.CountAsync(h => h.JobId == id && h.BatchIndex == 2 && h.Status != HostStatus.Pending));
        Assert.Equal(["job.create", "job.retry-failed"],
            await db.AuditEntries.Where(a => a.Target == $"job/{id}").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }
}
