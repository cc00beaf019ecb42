using System.Text.Json.Nodes;
using Jobs.Executors.Tests.Fakes;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;
using static Jobs.Executors.Tests.EndToEnd.EndToEndFixture;

namespace Jobs.Executors.Tests.EndToEnd;

/// <summary>Done-when of issue 5: a killed fake pauses the job with a System reason; restarted on the same port, the job resumes and finishes.</summary>
public sealed class ExecutorOutageTests
{
    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task SaltApiKilledMidJob_JobPausesWithSystemReason_RestartedResumesAndFinishes(TestProvider provider)
    {
        var hosts = Enumerable.Range(0, 6).Select(i => $"out-{i:D2}").ToArray();
        await using var salt = new FakeSaltApi();
        foreach (var h in hosts) salt.Minions.Add(h);
        salt.Behavior = (m, _, _, _) => new MinionReply(new JsonObject { ["retcode"] = 0, ["stdout"] = "ok " + m, ["stderr"] = "" }, 0, TimeSpan.FromMilliseconds(1500));
        await salt.StartAsync();
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedAsync(database, hosts);
        await using var app = new JobsWebFactory(database, Settings("salt-out", "salt", salt.BaseUrl,
            new() { ["Username"] = "svc-jobs", ["Password"] = "salt-pass" }));
        var client = app.CreateClient();

        var id = await CreateAsync(client, Request("salt-out", new JsonObject { ["function"] = "cmd.run_all", ["command"] = "deploy" },
            batches: "50%,50%", hostTimeoutSeconds: 60));
        await WaitAsync(client, id, j => j["totals"]!["running"]!.GetValue<int>() == 3, "batch 1 in flight");

        await salt.StopAsync(); // salt-api killed while batch 1 runs
        var paused = await WaitAsync(client, id, j => Str(j, "status") == "Paused", "a system pause");
        Assert.Equal("System", Str(paused, "stopKind"));
        Assert.Contains($"salt-api at {salt.BaseUrl} unreachable: connection refused", Str(paused, "stopReason"));
        Assert.Equal(0, paused["totals"]!["failed"]!.GetValue<int>()); // no host was failed for it

        await salt.StartAsync(); // back on the same port, with its job cache
        var done = await WaitForEndAsync(client, id);

        Assert.Equal("Succeeded", Str(done, "status"));
        Assert.Equal(6, done["totals"]!["succeeded"]!.GetValue<int>());
        Assert.Equal(2, salt.Jids.Count); // each batch published once: nothing ran twice
    }
}
