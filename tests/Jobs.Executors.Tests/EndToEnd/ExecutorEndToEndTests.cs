using System.Text.Json.Nodes;
using Jobs.Executors.Tests.Fakes;
using Jobs.Executors.Tests.Infrastructure;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;
using static Jobs.Executors.Tests.EndToEnd.EndToEndFixture;

namespace Jobs.Executors.Tests.EndToEnd;

/// <summary>
/// A job per executor type through the jobs API of the real app (SQLite file, Quartz engine) against the fakes on
/// 127.0.0.1: batches run, and successes, failures and timeouts arrive with the right status and category.
/// </summary>
public sealed class ExecutorEndToEndTests
{
    private static readonly string[] Hosts = Enumerable.Range(0, 10).Select(i => $"e2e-{i:D2}").ToArray();

    [Fact]
    public async Task SaltJob_TwoBatches_SuccessFailureTimeoutAndNoKeyMapped()
    {
        await using var salt = new FakeSaltApi();
        foreach (var h in Hosts.Take(9)) salt.Minions.Add(h); // e2e-09 has no accepted key
        salt.Behavior = (m, _, arg, _) => m switch
        {
            "e2e-03" => new MinionReply(new JsonObject { ["pid"] = 1, ["retcode"] = 2, ["stdout"] = "", ["stderr"] = "boom" }, 2),
            "e2e-05" => null, // never returns
            _ => new MinionReply(new JsonObject { ["pid"] = 1, ["retcode"] = 0, ["stdout"] = $"{m}: {arg[0]}", ["stderr"] = "" }, 0, TimeSpan.FromMilliseconds(200)),
        };
        await salt.StartAsync();
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedAsync(database, Hosts);
        await using var app = new JobsWebFactory(database, Settings("salt-e2e", "salt", salt.BaseUrl,
            new() { ["Username"] = "svc-jobs", ["Password"] = "salt-pass", ["Eauth"] = "pam" }));
        var client = app.CreateClient();

        var id = await CreateAsync(client, Request("salt-e2e",
            new JsonObject { ["function"] = "cmd.run_all", ["command"] = "deploy {{host.hostname}}" }));
        var job = await WaitForEndAsync(client, id);
        var hosts = await HostsAsync(client, id);

        Assert.Equal("CompletedWithFailures", Str(job, "status"));
        Assert.All(job["batches"]!.AsArray(), b => Assert.Equal("Succeeded", b!["status"]!.ToString()));
        Assert.Equal(7, job["totals"]!["succeeded"]!.GetValue<int>());
        Assert.Equal("e2e-00: deploy e2e-00", Str(hosts["e2e-00"], "stdout"));
        Assert.Equal(("Failed", "Environment", "2", "boom"),
            (Str(hosts["e2e-03"], "status"), Str(hosts["e2e-03"], "category"), Str(hosts["e2e-03"], "exitCode"), Str(hosts["e2e-03"], "stderr")));
        Assert.Equal(("TimedOut", "Environment"), (Str(hosts["e2e-05"], "status"), Str(hosts["e2e-05"], "category")));
        Assert.Contains("minion did not return", Str(hosts["e2e-05"], "stderr"));
        Assert.Equal(("Failed", "Environment"), (Str(hosts["e2e-09"], "status"), Str(hosts["e2e-09"], "category")));
        Assert.Contains("minion not connected / no key", Str(hosts["e2e-09"], "stderr"));
        // The command differs per host ({{host.hostname}}), so one local_async per host — and never a host twice.
        var runs = salt.RequestsTo("POST", "/").Where(r => r.Path == "/" && r.Body.Contains("cmd.run_all")).ToList();
        Assert.Equal(10, runs.Count);
        Assert.All(Hosts, h => Assert.Single(runs, r => r.Body.Contains($"\"{h}\"")));
        Assert.Contains(salt.Kills, k => k.Minion == "e2e-05"); // the timed-out minion's job was killed
    }

    [Fact]
    public async Task StackStormJob_TwoBatches_SuccessFailureTimeoutMapped()
    {
        await using var st2 = new FakeStackStorm(Contracts.StackStorm);
        st2.Behavior = (_, p) => p["hosts"]!.ToString() switch
        {
            "e2e-02" => new St2Outcome("failed", new JsonObject
            {
                ["e2e-02"] = new JsonObject { ["succeeded"] = false, ["failed"] = true, ["return_code"] = 1, ["stdout"] = "", ["stderr"] = "disk full" },
            }),
            "e2e-07" => new St2Outcome(null, null), // runs forever
            var h => new St2Outcome("succeeded", new JsonObject
            {
                [h] = new JsonObject { ["succeeded"] = true, ["failed"] = false, ["return_code"] = 0, ["stdout"] = "ok " + h, ["stderr"] = "" },
            }, TimeSpan.FromMilliseconds(200)),
        };
        await st2.StartAsync();
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedAsync(database, Hosts);
        await using var app = new JobsWebFactory(database, Settings("st2-e2e", "stackstorm", st2.BaseUrl, new() { ["ApiKey"] = "st2-key" }));
        var client = app.CreateClient();

        var id = await CreateAsync(client, Request("st2-e2e", new JsonObject
        {
            ["action"] = "core.remote", ["parameters"] = new JsonObject { ["hosts"] = "{{host.hostname}}", ["cmd"] = "uptime" },
        }));
        var job = await WaitForEndAsync(client, id);
        var hosts = await HostsAsync(client, id);

        Assert.Equal("CompletedWithFailures", Str(job, "status"));
        Assert.Equal(8, job["totals"]!["succeeded"]!.GetValue<int>());
        Assert.Equal("ok e2e-04", Str(hosts["e2e-04"], "stdout"));
        Assert.Equal(("Failed", "Environment", "1", "disk full"),
            (Str(hosts["e2e-02"], "status"), Str(hosts["e2e-02"], "category"), Str(hosts["e2e-02"], "exitCode"), Str(hosts["e2e-02"], "stderr")));
        Assert.Equal(("TimedOut", "Environment"), (Str(hosts["e2e-07"], "status"), Str(hosts["e2e-07"], "category")));
        Assert.Equal(10, st2.ExecutionIds.Count);
        Assert.Empty(st2.SchemaViolations);
        Assert.Equal("canceled", st2.StatusOf(st2.ExecutionIds.Single(e => st2.StatusOf(e) is "canceled" or "running")));
    }

    [Fact]
    public async Task AgentJob_TwoBatches_SuccessFailureTimeoutUnreachableBusyMapped()
    {
        await using var agent = new FakeAgent(Contracts.Agent);
        agent.Unreachable.Add("e2e-01");
        agent.Busy["e2e-06"] = "t-someone-else";
        agent.Behavior = (host, cmd) => host switch
        {
            "e2e-04" => new AgentOutcome("failed", 127, "", "sh: deploy: not found"),
            "e2e-08" => new AgentOutcome("timeout", null, "", "", TimeSpan.FromMilliseconds(300)),
            _ => new AgentOutcome("succeeded", 0, $"{host}: {cmd}", "", TimeSpan.FromMilliseconds(200)),
        };
        await agent.StartAsync();
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedAsync(database, Hosts);
        await using var app = new JobsWebFactory(database, Settings("agent-e2e", "agent", agent.BaseUrl, new() { ["Token"] = "agent-token" }));
        var client = app.CreateClient();

        var id = await CreateAsync(client, Request("agent-e2e", new JsonObject { ["command"] = "deploy --job {{job.id}}" }));
        var job = await WaitForEndAsync(client, id);
        var hosts = await HostsAsync(client, id);

        Assert.Equal("CompletedWithFailures", Str(job, "status"));
        Assert.Equal(6, job["totals"]!["succeeded"]!.GetValue<int>());
        Assert.Equal($"e2e-00: deploy --job {id}", Str(hosts["e2e-00"], "stdout"));
        Assert.Equal(("Failed", "127"), (Str(hosts["e2e-04"], "status"), Str(hosts["e2e-04"], "exitCode")));
        Assert.Equal("TimedOut", Str(hosts["e2e-08"], "status"));
        Assert.StartsWith("agent unreachable", Str(hosts["e2e-01"], "stderr"));
        Assert.StartsWith("host busy", Str(hosts["e2e-06"], "stderr"));
        Assert.All(new[] { "e2e-01", "e2e-04", "e2e-06", "e2e-08" }, h => Assert.Equal("Environment", Str(hosts[h], "category")));
        Assert.Empty(agent.SchemaViolations);
    }

    /// <summary>The agent's own backstop is 30 s past the host timeout; the engine's timeout comes first and cancels (issue 13).</summary>
    [Fact]
    public async Task AgentTaskNeverReports_EngineHostTimeoutFallback_TimesOutAndCancels()
    {
        await using var agent = new FakeAgent(Contracts.Agent);
        agent.Behavior = (_, _) => new AgentOutcome(null, null); // never finishes, never reports
        await agent.StartAsync();
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedAsync(database, Hosts.Take(2));
        await using var app = new JobsWebFactory(database, Settings("agent-e2e", "agent", agent.BaseUrl, new() { ["Token"] = "agent-token" }));
        var client = app.CreateClient();

        var id = await CreateAsync(client, Request("agent-e2e", new JsonObject { ["command"] = "hang" }, batches: "100%", hostTimeoutSeconds: 1));
        await WaitAsync(client, id, j => j["totals"]!["timedOut"]!.GetValue<int>() == 2, "both hosts to time out");
        var hosts = await HostsAsync(client, id);

        Assert.All(hosts.Values, h => Assert.Equal(("TimedOut", "Environment"), (Str(h, "status"), Str(h, "category"))));
        Assert.All(hosts.Values, h => Assert.Equal("timed out after 1 s (hostTimeoutSeconds); canceled through agent-e2e", Str(h, "stderr")));
        Assert.Equal(2, agent.Canceled.Distinct().Count()); // each host's task canceled through the agent
    }
}
