using System.Text.Json.Nodes;
using Jobs.Core.Domain;
using Jobs.Core.Execution;
using Jobs.Executors.Tests.Fakes;
using Jobs.Executors.Tests.Infrastructure;

namespace Jobs.Executors.Tests;

/// <summary>Issue 11, "What a real Salt showed": each finding against the salt fake.</summary>
public sealed class SaltFindingsTests : IAsyncLifetime
{
    private const string Cmd = """{"function": "cmd.run_all", "command": "echo x; exit 0"}""";
    private readonly FakeSaltApi _salt = new();
    private ExecutorHarness _harness = null!;
    private IExecutor _executor = null!;

    public async Task InitializeAsync()
    {
        foreach (var m in new[] { "web-01", "web-02", "dead-01" }) _salt.Minions.Add(m);
        await _salt.StartAsync();
        _harness = ExecutorHarness.For("salt-sh", "salt", _salt.BaseUrl,
            new Dictionary<string, string?> { ["Username"] = "svc-jobs", ["Password"] = "salt-pass" });
        _executor = _harness.Executor("salt-sh");
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _salt.DisposeAsync();
    }

    [Theory]
    [InlineData(""", "shell": true""", true)]
    [InlineData(""", "shell": false""", false)]
    [InlineData("", false)]
    public async Task Start_ShellParameterIssue11_PythonShellAlwaysSentExplicitly(string shell, bool expected)
    {
        var w = Work.For(1, "web-01", $$"""{"function": "cmd.run_all", "command": "echo x; exit 0"{{shell}}}""");

        await _executor.StartAsync([w], CancellationToken.None);

        var chunk = JsonNode.Parse(Assert.Single(_salt.RequestsTo("POST", "/"), r => r.Path == "/").Body)![0]!;
        Assert.Equal(expected, chunk["kwarg"]!["python_shell"]!.GetValue<bool>());
    }

    [Fact]
    public void ValidateParameters_ShellNotBoolean_SaysWhatEachValueDoes()
    {
        var errors = _executor.ValidateParameters((JsonObject)JsonNode.Parse("""{"function": "cmd.run_all", "command": "ls", "shell": "yes"}""")!);

        Assert.Contains(errors, e => e.StartsWith("parameters.shell must be true (run through the minion's shell", StringComparison.Ordinal));
        Assert.Contains("\"shell\": false", _executor.Descriptor.ExampleParameters);
    }

    [Theory]
    [InlineData("runner", "GET /jobs/")]
    [InlineData("local", "local test.ping")]
    public async Task TestConnection_ClientDisabledIssue11_FailsNamingTheClientInOneReadableLine(string client, string what)
    {
        _salt.EnabledClients.Remove(client);

        var r = await _executor.TestConnectionAsync(CancellationToken.None);

        Assert.False(r.Ok, r.Message);
        Assert.Contains(what, r.Message);
        Assert.Contains($"400 Bad Request: Client disabled: '{client}'. Add to 'netapi_enable_clients'", r.Message);
        Assert.Contains($"add {client} to netapi_enable_clients", r.Message);
        Assert.DoesNotContain("<", r.Message);
        Assert.DoesNotContain("\n", r.Message);
        Assert.DoesNotContain("Powered by", r.Message);
    }

    [Fact]
    public async Task Poll_RunnerDisabledIssue11_PauseReasonIsOneReadableLineNotCherryPysPage()
    {
        var w = Work.For(1, "web-01", Cmd);
        var o = await _executor.StartAsync([w], CancellationToken.None);
        _salt.EnabledClients.Remove("runner");

        var ex = await Assert.ThrowsAsync<ExecutorUnavailableException>(() => _executor.PollAsync([Work.InFlight(o[0], w)], CancellationToken.None));

        Assert.EndsWith("answered HTTP 400 Bad Request to GET /jobs/" + o[0].ExternalRef!.Split(':')[0] +
            ": 400 Bad Request: Client disabled: 'runner'. Add to 'netapi_enable_clients' master config option to enable.", ex.Message);
    }

    [Fact]
    public async Task TestConnection_AllClientsEnabled_SaysWhichWereChecked()
    {
        var r = await _executor.TestConnectionAsync(CancellationToken.None);

        Assert.True(r.Ok, r.Message);
        Assert.Contains("local_async, local and runner (GET /jobs) are enabled", r.Message);
        Assert.Empty(_salt.Jids);
    }

    [Fact]
    public async Task Poll_DeadMinionIssue11_UnreachableWithinSecondsAsEnvironment()
    {
        _salt.DeadMinions.Add("dead-01");
        var work = new[] { Work.For(1, "web-01", Cmd, TimeSpan.FromMinutes(30)), Work.For(2, "dead-01", Cmd, TimeSpan.FromMinutes(30)) };
        var o = await _executor.StartAsync(work, CancellationToken.None);
        var sixSecondsAgo = DateTime.UtcNow.AddSeconds(-6); // past the first liveness check, far from the 30 min host timeout

        var r = await _executor.PollAsync([Work.InFlight(o[0], work[0], sixSecondsAgo), Work.InFlight(o[1], work[1], sixSecondsAgo)], CancellationToken.None);

        Assert.Equal(HostStatus.Succeeded, r[0].Status);
        Assert.Equal(HostStatus.Failed, r[1].Status);
        Assert.Equal(ErrorCategory.Environment, r[1].Category);
        Assert.StartsWith("minion unreachable: it did not answer saltutil.find_job", r[1].Stderr);
        Assert.Equal(["dead-01"], _salt.FindJobs);
    }

    [Fact]
    public async Task Poll_LongRunningLiveMinion_AnswersFindJobAndKeepsRunning()
    {
        _salt.Behavior = (_, _, _, _) => null; // runs for ever, but is alive
        var w = Work.For(1, "web-02", Cmd, TimeSpan.FromMinutes(30));
        var o = await _executor.StartAsync([w], CancellationToken.None);
        var flight = Work.InFlight(o[0], w, DateTime.UtcNow.AddSeconds(-6));

        var first = Assert.Single(await _executor.PollAsync([flight], CancellationToken.None));
        var second = Assert.Single(await _executor.PollAsync([flight], CancellationToken.None));

        Assert.False(first.IsFinished);
        Assert.False(second.IsFinished);
        Assert.Single(_salt.FindJobs); // at most one find_job per jid every 10 s, not one per poll
    }

    [Fact]
    public async Task Poll_JustDispatched_NoFindJobYet()
    {
        _salt.DeadMinions.Add("dead-01");
        var w = Work.For(1, "dead-01", Cmd);
        var o = await _executor.StartAsync([w], CancellationToken.None);

        var r = Assert.Single(await _executor.PollAsync([Work.InFlight(o[0], w)], CancellationToken.None));

        Assert.False(r.IsFinished);
        Assert.Empty(_salt.FindJobs);
    }

    [Fact]
    public async Task Poll_ErrorCarryingTheMinionEnvironmentIssue11_EnvironmentRemovedBeforeStoring()
    {
        _salt.Behavior = (_, _, _, _) => new MinionReply(
            "ERROR: Unable to run command '['deploy']' with the context '{'cwd': '/root', 'shell': False, 'env': {'PATH': '/usr/bin', " +
            "'DB_PASSWORD': 'hunter2', 'AWS_SECRET_ACCESS_KEY': 'AKIA-secret'}, 'stdin': None}', reason: command not found", 1);
        var w = Work.For(1, "web-01", Cmd);
        var o = await _executor.StartAsync([w], CancellationToken.None);

        var r = Assert.Single(await Work.PollUntilDoneAsync(_executor, [Work.InFlight(o[0], w)]));

        Assert.Equal(HostStatus.Failed, r.Status);
        Assert.DoesNotContain("hunter2", r.Stderr);
        Assert.DoesNotContain("AKIA-secret", r.Stderr);
        Assert.Contains("'env': {…environment removed by JOBS…}", r.Stderr);
        Assert.Contains("reason: command not found", r.Stderr);
    }
}
