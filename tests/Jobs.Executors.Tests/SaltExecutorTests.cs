using System.Text.Json.Nodes;
using Jobs.Core.Domain;
using Jobs.Core.Execution;
using Jobs.Executors.Tests.Fakes;
using Jobs.Executors.Tests.Infrastructure;
using Jobs.Testing;

namespace Jobs.Executors.Tests;

public sealed class SaltExecutorTests : IAsyncLifetime
{
    private const string Cmd = """{"function": "cmd.run_all", "command": "systemctl restart app"}""";
    private readonly FakeSaltApi _salt = new();
    private ExecutorHarness _harness = null!;
    private IExecutor _executor = null!;

    public async Task InitializeAsync()
    {
        foreach (var m in new[] { "web-01", "web-02", "web-03" }) _salt.Minions.Add(m);
        await _salt.StartAsync();
        _harness = Harness();
        _executor = _harness.Executor("salt-sh");
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _salt.DisposeAsync();
    }

    private ExecutorHarness Harness(TimeProvider? time = null, string password = "salt-pass") =>
        ExecutorHarness.For("salt-sh", "salt", _salt.BaseUrl,
            new Dictionary<string, string?> { ["Username"] = "svc-jobs", ["Password"] = password, ["Eauth"] = "pam" }, time);

    [Fact]
    public async Task Start_ChunkOfHosts_OneLocalAsyncWithListTargetAndSharedJid()
    {
        var work = new[] { Work.For(1, "web-01", Cmd), Work.For(2, "web-02", Cmd), Work.For(3, "web-03", Cmd) };

        var outcomes = await _executor.StartAsync(work, CancellationToken.None);

        var call = Assert.Single(_salt.RequestsTo("POST", "/"), r => r.Path == "/");
        var chunk = JsonNode.Parse(call.Body)!.AsArray()[0]!;
        Assert.Equal("local_async", chunk["client"]!.ToString());
        Assert.Equal("list", chunk["tgt_type"]!.ToString());
        Assert.Equal(["web-01", "web-02", "web-03"], chunk["tgt"]!.AsArray().Select(x => x!.ToString()));
        Assert.Equal("cmd.run_all", chunk["fun"]!.ToString());
        Assert.Equal("systemctl restart app", chunk["arg"]![0]!.ToString());
        var jid = Assert.Single(_salt.Jids);
        Assert.Equal(["%J:web-01", "%J:web-02", "%J:web-03"], outcomes.Select(o => o.ExternalRef!.Replace(jid, "%J")));
    }

    [Fact]
    public async Task Start_DifferentRenderedParameters_OneChunkPerParameterSet()
    {
        var work = new[]
        {
            Work.For(1, "web-01", """{"function": "cmd.run_all", "command": "echo web-01"}"""),
            Work.For(2, "web-02", """{"function": "cmd.run_all", "command": "echo web-02"}"""),
        };

        var outcomes = await _executor.StartAsync(work, CancellationToken.None);

        Assert.Equal(2, _salt.Jids.Count);
        Assert.All(outcomes, o => Assert.NotNull(o.ExternalRef));
    }

    [Fact]
    public async Task Start_MinionWithoutKey_FailsAtOnceAsEnvironment()
    {
        var outcomes = await _executor.StartAsync([Work.For(1, "web-01", Cmd), Work.For(2, "ghost-99", Cmd)], CancellationToken.None);

        Assert.NotNull(outcomes[0].ExternalRef);
        var ghost = outcomes[1].ImmediateResult!;
        Assert.Equal(HostStatus.Failed, ghost.Status);
        Assert.Equal(ErrorCategory.Environment, ghost.Category);
        Assert.Contains("minion not connected / no key", ghost.Stderr);
    }

    [Fact]
    public async Task Start_NoMinionMatched_EmptyReturnFailsEveryHost()
    {
        var outcomes = await _executor.StartAsync([Work.For(1, "ghost-1", Cmd), Work.For(2, "ghost-2", Cmd)], CancellationToken.None);

        Assert.Empty(_salt.Jids);
        Assert.All(outcomes, o =>
        {
            Assert.Null(o.ExternalRef);
            Assert.Equal(HostStatus.Failed, o.ImmediateResult!.Status);
            Assert.Contains("minion not connected", o.ImmediateResult.Stderr);
        });
    }

    [Fact]
    public async Task Poll_CmdRunAll_MapsRetcodeStdoutStderr()
    {
        _salt.Behavior = (m, _, _, _) => m == "web-01"
            ? new MinionReply(new JsonObject { ["pid"] = 1, ["retcode"] = 0, ["stdout"] = "restarted", ["stderr"] = "" }, 0)
            : new MinionReply(new JsonObject { ["pid"] = 2, ["retcode"] = 3, ["stdout"] = "", ["stderr"] = "unit not found" }, 3);
        var work = new[] { Work.For(1, "web-01", Cmd), Work.For(2, "web-02", Cmd) };
        var outcomes = await _executor.StartAsync(work, CancellationToken.None);

        var results = await Work.PollUntilDoneAsync(_executor, outcomes.Select((o, i) => Work.InFlight(o, work[i])).ToList());

        Assert.Equal(HostStatus.Succeeded, results[0].Status);
        Assert.Equal(0, results[0].ExitCode);
        Assert.Equal("restarted", results[0].Stdout);
        Assert.Null(results[0].Category);
        Assert.Equal(HostStatus.Failed, results[1].Status);
        Assert.Equal(3, results[1].ExitCode);
        Assert.Equal("unit not found", results[1].Stderr);
        Assert.Equal(ErrorCategory.Environment, results[1].Category);
        Assert.Single(_salt.RequestsTo("GET", "/jobs/")); // one jid, fetched once for both minions
    }

    [Fact]
    public async Task Poll_StateApplyWithFailedState_FailsWithTheStateComment()
    {
        // Recorded in the fake's handler and asserted below: an Assert in there would only become an HTTP 500 (issue 13).
        var seen = new System.Collections.Concurrent.ConcurrentQueue<(string Fun, string? Arg, string? Pillar)>();
        _salt.Behavior = (_, fun, arg, kwarg) =>
        {
            seen.Enqueue((fun, arg.Count > 0 ? arg[0]?.ToString() : null, kwarg?["pillar"]?["version"]?.ToString()));
            return new MinionReply(new JsonObject
            {
                ["pkg_|-nginx_|-nginx_|-installed"] = new JsonObject { ["result"] = true, ["comment"] = "installed", ["changes"] = new JsonObject(), ["__run_num__"] = 0 },
                ["file_|-nginx-conf_|-/etc/nginx/nginx.conf_|-managed"] = new JsonObject
                    { ["result"] = false, ["comment"] = "Source file salt://nginx/nginx.conf not found", ["changes"] = new JsonObject(), ["__run_num__"] = 1 },
            }, 2);
        };
        var w = Work.For(1, "web-01", """{"function": "state.apply", "state": "nginx", "pillar": {"version": "1.2.3"}}""");
        var o = await _executor.StartAsync([w], CancellationToken.None);

        var r = Assert.Single(await Work.PollUntilDoneAsync(_executor, [Work.InFlight(o[0], w)]));
        Assert.Equal(("state.apply", "nginx", "1.2.3"), Assert.Single(seen));

        Assert.Equal(HostStatus.Failed, r.Status);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("nginx-conf (file.managed): Source file salt://nginx/nginx.conf not found", r.Stderr);
        Assert.DoesNotContain("installed", r.Stderr);
    }

    [Fact]
    public async Task Poll_StateApplyAllGood_SucceedsWithSummary()
    {
        _salt.Behavior = (_, _, _, _) => new MinionReply(new JsonObject
        {
            ["service_|-nginx_|-nginx_|-running"] = new JsonObject { ["result"] = true, ["comment"] = "restarted", ["changes"] = new JsonObject { ["nginx"] = true } },
        }, 0);
        var w = Work.For(1, "web-01", """{"function": "state.apply", "state": "nginx"}""");
        var o = await _executor.StartAsync([w], CancellationToken.None);

        var r = Assert.Single(await Work.PollUntilDoneAsync(_executor, [Work.InFlight(o[0], w)]));

        Assert.Equal(HostStatus.Succeeded, r.Status);
        Assert.StartsWith("1 states succeeded, 1 changed", r.Stdout);
    }

    [Fact]
    public async Task Poll_StateRenderError_FailsWithTheErrorList()
    {
        _salt.Behavior = (_, _, _, _) => new MinionReply(new JsonArray("Rendering SLS 'base:nginx' failed: mapping values are not allowed here"), 1);
        var w = Work.For(1, "web-01", """{"function": "state.apply", "state": "nginx"}""");
        var o = await _executor.StartAsync([w], CancellationToken.None);

        var r = Assert.Single(await Work.PollUntilDoneAsync(_executor, [Work.InFlight(o[0], w)]));

        Assert.Equal(HostStatus.Failed, r.Status);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("Rendering SLS 'base:nginx' failed", r.Stderr);
    }

    [Fact]
    public async Task Poll_ModuleErrorString_FailsWithTheMessage()
    {
        _salt.Behavior = (_, _, _, _) => new MinionReply("ERROR: Specified cmd 'nosuch' either not absolute or does not exist", 1);
        var w = Work.For(1, "web-01", Cmd);
        var o = await _executor.StartAsync([w], CancellationToken.None);

        var r = Assert.Single(await Work.PollUntilDoneAsync(_executor, [Work.InFlight(o[0], w)]));

        Assert.Equal(HostStatus.Failed, r.Status);
        Assert.StartsWith("ERROR: Specified cmd", r.Stderr);
    }

    [Fact]
    public async Task Poll_MinionNeverReturns_RunningUntilTimeoutThenTimedOutAndKilled()
    {
        _salt.Behavior = (m, _, _, _) => m == "web-02" ? null : new MinionReply(new JsonObject { ["retcode"] = 0, ["stdout"] = "ok", ["stderr"] = "" }, 0);
        var work = new[] { Work.For(1, "web-01", Cmd, TimeSpan.FromSeconds(30)), Work.For(2, "web-02", Cmd, TimeSpan.FromSeconds(30)) };
        var outcomes = await _executor.StartAsync(work, CancellationToken.None);
        var jid = Assert.Single(_salt.Jids);

        var early = await _executor.PollAsync([Work.InFlight(outcomes[1], work[1])], CancellationToken.None);
        Assert.False(early[0].IsFinished);

        // The same host, seen after its 30 s timeout has passed.
        var late = await _executor.PollAsync([Work.InFlight(outcomes[1], work[1], DateTime.UtcNow.AddSeconds(-31))], CancellationToken.None);
        var r = Assert.Single(late);
        Assert.Equal(HostStatus.TimedOut, r.Status);
        Assert.Equal(ErrorCategory.Environment, r.Category);
        Assert.Contains("minion did not return", r.Stderr);
        Assert.Contains((jid, "web-02"), _salt.Kills);
    }

    [Fact]
    public async Task Poll_UnknownOrExpiredJid_FailsWithSystemCategory()
    {
        var w = Work.For(1, "web-01", Cmd);
        var o = await _executor.StartAsync([w], CancellationToken.None);
        _salt.ForgetJob(_salt.Jids.Single());

        var r = Assert.Single(await _executor.PollAsync([Work.InFlight(o[0], w)], CancellationToken.None));

        Assert.Equal(HostStatus.Failed, r.Status);
        Assert.Equal(ErrorCategory.System, r.Category);
        Assert.Contains("has no job", r.Stderr);
    }

    [Fact]
    public async Task Poll_SessionLostMidJob_LogsInAgainOnceAndContinues()
    {
        var w = Work.For(1, "web-01", Cmd);
        var o = await _executor.StartAsync([w], CancellationToken.None);
        Assert.Equal(1, _salt.Logins);
        _salt.DropSessions(); // salt-api restarted: the token is gone

        var r = Assert.Single(await Work.PollUntilDoneAsync(_executor, [Work.InFlight(o[0], w)]));

        Assert.Equal(HostStatus.Succeeded, r.Status);
        Assert.Equal(2, _salt.Logins);
    }

    [Fact]
    public async Task Token_PastItsExpire_RenewedBeforeTheNextCall()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var harness = Harness(clock);
        var executor = harness.Executor("salt-sh");
        await executor.StartAsync([Work.For(1, "web-01", Cmd)], CancellationToken.None);
        Assert.Equal(1, _salt.Logins);

        clock.Advance(TimeSpan.FromHours(12)); // the token's expire (12 h) less the one-minute margin has passed
        await executor.StartAsync([Work.For(2, "web-02", Cmd)], CancellationToken.None);

        Assert.Equal(2, _salt.Logins);
    }

    [Fact]
    public async Task Cancel_InFlightHosts_SendsKillJobToThoseMinions()
    {
        _salt.Behavior = (_, _, _, _) => null;
        var work = new[] { Work.For(1, "web-01", Cmd), Work.For(2, "web-02", Cmd) };
        var o = await _executor.StartAsync(work, CancellationToken.None);
        var jid = _salt.Jids.Single();

        await _executor.CancelAsync(o.Select((x, i) => Work.InFlight(x, work[i])).ToList(), CancellationToken.None);

        Assert.Equal([(jid, "web-01"), (jid, "web-02")], _salt.Kills.OrderBy(k => k.Minion));
    }

    [Fact]
    public async Task Cancel_ApiDown_DoesNotThrow()
    {
        var w = Work.For(1, "web-01", Cmd);
        var o = await _executor.StartAsync([w], CancellationToken.None);
        await _salt.StopAsync();

        await _executor.CancelAsync([Work.InFlight(o[0], w)], CancellationToken.None);
    }

    [Fact]
    public async Task Login_WrongPassword_UnavailableWithoutThePassword()
    {
        await using var harness = Harness(password: "Wr0ng-P4ss!");

        var ex = await Assert.ThrowsAsync<ExecutorUnavailableException>(() =>
            harness.Executor("salt-sh").StartAsync([Work.For(1, "web-01", Cmd)], CancellationToken.None));

        Assert.Contains("rejected the login of user svc-jobs (eauth pam)", ex.Message);
        Assert.DoesNotContain("Wr0ng-P4ss!", ex.Message);
        Assert.DoesNotContain("Wr0ng-P4ss!", harness.Logs.All);
    }

    [Fact]
    public async Task Start_LocalAsyncDisabled_UnavailableNamingNetapiEnableClients()
    {
        _salt.EnabledClients.Remove("local_async");

        var ex = await Assert.ThrowsAsync<ExecutorUnavailableException>(() => _executor.StartAsync([Work.For(1, "web-01", Cmd)], CancellationToken.None));

        Assert.Contains("HTTP 400", ex.Message);
        Assert.Contains("netapi_enable_clients", ex.Message);
    }

    [Fact]
    public async Task TestConnection_Healthy_LogsInAndProbesWithoutRunningAnything()
    {
        var r = await _executor.TestConnectionAsync(CancellationToken.None);

        Assert.True(r.Ok, r.Message);
        Assert.Contains("Logged in as svc-jobs (eauth pam", r.Message);
        Assert.Empty(_salt.Jids);
    }

    [Fact]
    public async Task TestConnection_ApiDown_ReportsConnectionRefused()
    {
        await _salt.StopAsync();

        var r = await _executor.TestConnectionAsync(CancellationToken.None);

        Assert.False(r.Ok);
        Assert.Contains("connection refused", r.Message);
    }

    [Theory]
    [InlineData("""{"function": "cmd.run_all", "command": "uptime"}""", "")]
    [InlineData("""{"function": "state.apply", "state": "nginx", "pillar": {"a": 1}, "test": true}""", "")]
    [InlineData("""{"command": "uptime"}""", "parameters.function is required")]
    [InlineData("""{"function": "cmd.run", "command": "uptime"}""", "must be \"cmd.run_all\" or \"state.apply\"")]
    [InlineData("""{"function": "cmd.run_all"}""", "parameters.command is required")]
    [InlineData("""{"function": "state.apply", "state": "x", "pillar": [1]}""", "parameters.pillar must be a JSON object")]
    [InlineData("""{"function": "state.apply"}""", "parameters.state is required")]
    [InlineData("""{"function": "cmd.run_all", "command": "x", "tgt": "*"}""", "parameters.tgt is not a parameter of cmd.run_all")]
    public void ValidateParameters_Cases_NameTheParameter(string json, string expected)
    {
        var errors = _executor.ValidateParameters((JsonObject)JsonNode.Parse(json)!);

        if (expected.Length == 0) Assert.Empty(errors);
        else Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }
}

public sealed class SaltChunkingTests
{
    [Fact]
    public async Task Start_450HostsSameParameters_ThreeChunksOfAtMost200_PolledWithThreeGets()
    {
        await using var salt = new FakeSaltApi();
        var hosts = Enumerable.Range(0, 450).Select(i => $"m-{i:D4}").ToList();
        foreach (var h in hosts) salt.Minions.Add(h);
        await salt.StartAsync();
        await using var harness = ExecutorHarness.For("salt", "salt", salt.BaseUrl,
            new Dictionary<string, string?> { ["Username"] = "svc-jobs", ["Password"] = "salt-pass" });
        var executor = harness.Executor("salt");
        var work = hosts.Select((h, i) => Work.For(i + 1, h, """{"function": "cmd.run_all", "command": "uptime"}""")).ToList();

        var outcomes = await executor.StartAsync(work, CancellationToken.None);
        var results = await Work.PollUntilDoneAsync(executor, outcomes.Select((o, i) => Work.InFlight(o, work[i])).ToList());

        Assert.Equal(3, salt.Jids.Count);
        Assert.Equal(3, salt.RequestsTo("GET", "/jobs/").Count);
        Assert.All(results, r => Assert.Equal(HostStatus.Succeeded, r.Status));
        Assert.Equal(450, outcomes.Select(o => o.ExternalRef).Distinct().Count());
    }
}
