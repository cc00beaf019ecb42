using System.Text.Json.Nodes;
using Jobs.Core.Domain;
using Jobs.Core.Engine;
using Jobs.Executors.Simulated;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jobs.Web.Tests.Engine.EngineFixture;

namespace Jobs.Web.Tests.Engine;

/// <summary>A JOBS process stops in the middle of a job; a new one on the same database finishes it, and no host runs twice.</summary>
public sealed class RestartTests
{
    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Restart_MidJob_NewHostFinishesAndEveryHostRanExactlyOnce(TestProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedServersAsync(database, 300);
        long id;
        SimulatedExecutor firstExecutor;
        var parameters = new JsonObject { ["latencyMs"] = 300, ["jitterMs"] = 100, ["failureRate"] = 0, ["seed"] = 3 };
        await using (var first = new JobsWebFactory(database, FastTicks()))
        {
            var client = first.CreateClient();
            id = (await CreateAsync(client, Request("restart", parameters: parameters, batches: "10%,20%", parallelism: 25)))["id"]!.GetValue<long>();
            await WaitAsync(client, id, j => j["totals"]!["succeeded"]!.GetValue<int>() >= 40 && j["totals"]!["running"]!.GetValue<int>() > 0,
                what: "mid-job with hosts in flight");
            firstExecutor = first.Services.GetRequiredService<SimulatedExecutor>();
            // Disposing stops the host; hosts still in flight stay Running with their external reference.
        }
        var startsBefore = firstExecutor.Starts.ToDictionary(kv => kv.Key, kv => kv.Value); // counted after the stop
        await using (var db = database.CreateContext())
        {
            Assert.True(await db.HostTasks.CountAsync(h => h.JobId == id && h.Status == HostStatus.Running) > 0, "some hosts should be in flight at the stop");
            Assert.Equal(0, await db.HostTasks.CountAsync(h => h.JobId == id && h.Status == HostStatus.Running && h.ExternalRef == null));
        }

        await using var second = new JobsWebFactory(database, FastTicks());
        var client2 = second.CreateClient();
        var done = await WaitForStatusAsync(client2, id, "Succeeded", "CompletedWithFailures", "Paused", "Aborted");

        Assert.Equal("Succeeded", Status(done));
        Assert.Equal(300, done["totals"]!["succeeded"]!.GetValue<int>());
        var startsAfter = second.Services.GetRequiredService<SimulatedExecutor>().Starts.Where(s => s.Key.JobId == id).ToList();
        var all = startsBefore.Where(s => s.Key.Item1 == id).Concat(startsAfter.Select(s => KeyValuePair.Create((s.Key.JobId, s.Key.Host, s.Key.Attempt), s.Value)))
            .GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Sum(x => x.Value));
        Assert.Equal(300, all.Count);
        Assert.All(all, s => Assert.Equal(1, s.Value));
        Assert.NotEmpty(startsAfter); // the second process did dispatch the rest
    }

    [Fact]
    public async Task Restart_HostLeftMidDispatch_FailedAsOutcomeUnknownNeverRedispatched()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedServersAsync(database, 20);
        long id;
        await using (var first = new JobsWebFactory(database, new Dictionary<string, string?> { ["Jobs:Scheduler:Enabled"] = "false" }))
        {
            id = (await CreateAsync(first.CreateClient(), Request("crash", batches: "100%")))["id"]!.GetValue<long>();
        }
        // What a crash between claim and dispatch leaves behind: claimed (Running) with no external reference.
        await using (var db = database.CreateContext())
        {
            await db.Jobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, JobStatus.Running).SetProperty(j => j.StartedAt, DateTime.UtcNow));
            await db.Batches.Where(b => b.JobId == id).ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BatchStatus.Running));
            await db.HostTasks.Where(h => h.JobId == id && h.Hostname == "web-00003")
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.Status, HostStatus.Running).SetProperty(h => h.StartedAt, DateTime.UtcNow));
        }

        await using var second = new JobsWebFactory(database, FastTicks());
        var done = await WaitForStatusAsync(second.CreateClient(), id, "Succeeded", "CompletedWithFailures", "Paused");

        Assert.Equal(19, done["totals"]!["succeeded"]!.GetValue<int>());
        Assert.Equal(1, done["totals"]!["failed"]!.GetValue<int>());
        await using var check = database.CreateContext();
        var orphan = await check.HostTasks.SingleAsync(h => h.JobId == id && h.Hostname == "web-00003");
        Assert.Equal((HostStatus.Failed, ErrorCategory.System, JobEngine.OrphanReason), (orphan.Status, orphan.Category, orphan.Stderr));
        Assert.DoesNotContain(second.Services.GetRequiredService<SimulatedExecutor>().Starts.Keys, k => k.Host == "web-00003");
    }
}
