using System.Text.Json.Nodes;
using Jobs.Core.Domain;
using Jobs.Core.Execution;
using Jobs.Executors.Tests.Fakes;
using Jobs.Executors.Tests.Infrastructure;

namespace Jobs.Executors.Tests;

public sealed class AgentExecutorTests : IAsyncLifetime
{
    private const string Cmd = """{"command": "systemctl restart app", "env": {"RELEASE": "1.2.3"}}""";
    private readonly FakeAgent _agent = new(Contracts.Agent);
    private ExecutorHarness _harness = null!;
    private IExecutor _executor = null!;

    public async Task InitializeAsync()
    {
        await _agent.StartAsync();
        _harness = ExecutorHarness.For("agent", "agent", _agent.BaseUrl, new Dictionary<string, string?> { ["Token"] = "agent-token" });
        _executor = _harness.Executor("agent");
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _agent.DisposeAsync();
        Assert.Empty(_agent.SchemaViolations);
    }

    [Fact]
    public async Task StartAndPoll_SuccessAndCommandFailure_MappedWithExitCodes()
    {
        _agent.Behavior = (host, _) => host == "web-01"
            ? new AgentOutcome("succeeded", 0, "done", Delay: TimeSpan.FromMilliseconds(200))
            : new AgentOutcome("failed", 2, "", "no such unit");
        var work = new[] { Work.For(1, "web-01", Cmd, TimeSpan.FromSeconds(90)), Work.For(2, "web-02", Cmd) };

        var o = await _executor.StartAsync(work, CancellationToken.None);
        var r = await Work.PollUntilDoneAsync(_executor, o.Select((x, i) => Work.InFlight(x, work[i])).ToList());

        Assert.Equal((HostStatus.Succeeded, 0, "done"), (r[0].Status, r[0].ExitCode, r[0].Stdout));
        Assert.Equal((HostStatus.Failed, 2, "no such unit", ErrorCategory.Environment), (r[1].Status, r[1].ExitCode, r[1].Stderr, r[1].Category));
        var body = JsonNode.Parse(_agent.RequestsTo("POST", "/api/v1/tasks").First(q => q.Body.Contains("web-01")).Body)!;
        Assert.Equal(90, body["timeoutSeconds"]!.GetValue<int>());
        Assert.Equal("1.2.3", body["env"]!["RELEASE"]!.ToString());
        Assert.All(_agent.Requests, q => Assert.Equal("Bearer agent-token", q.Headers["Authorization"]));
    }

    [Fact]
    public async Task Start_AgentUnreachableAndHostBusy_FailAtOnceDistinguished()
    {
        _agent.Unreachable.Add("web-02");
        _agent.Busy["web-03"] = "t-other";
        var work = new[] { Work.For(1, "web-01", Cmd), Work.For(2, "web-02", Cmd), Work.For(3, "web-03", Cmd) };

        var o = await _executor.StartAsync(work, CancellationToken.None);

        Assert.NotNull(o[0].ExternalRef);
        Assert.StartsWith("agent unreachable:", o[1].ImmediateResult!.Stderr);
        Assert.Equal(ErrorCategory.Environment, o[1].ImmediateResult!.Category);
        Assert.StartsWith("host busy:", o[2].ImmediateResult!.Stderr);
        Assert.Contains("t-other", o[2].ImmediateResult!.Stderr);
        Assert.Equal(HostStatus.Failed, o[2].ImmediateResult!.Status);
    }

    [Fact]
    public async Task Poll_AgentLostMidTaskAndTimeout_Mapped()
    {
        _agent.Behavior = (host, _) => host == "web-01" ? new AgentOutcome("failed", null, ErrorCode: "agent_lost") : new AgentOutcome("timeout", -9);
        var work = new[] { Work.For(1, "web-01", Cmd), Work.For(2, "web-02", Cmd) };
        var o = await _executor.StartAsync(work, CancellationToken.None);

        var r = await Work.PollUntilDoneAsync(_executor, o.Select((x, i) => Work.InFlight(x, work[i])).ToList());

        Assert.Equal(HostStatus.Failed, r[0].Status);
        Assert.Contains("agent_lost", r[0].Stderr);
        Assert.Equal(HostStatus.TimedOut, r[1].Status);
        Assert.Equal(ErrorCategory.Environment, r[1].Category);
    }

    [Fact]
    public async Task Start_CreateAnswered500ThenOk_RetriedWithSameIdempotencyKeyOneTask()
    {
        _agent.FailWith("POST", "/api/v1/tasks", 503, """{"code": "unavailable", "message": "overloaded"}""");

        var o = Assert.Single(await _executor.StartAsync([Work.For(1, "web-01", Cmd)], CancellationToken.None));

        Assert.NotNull(o.ExternalRef);
        var posts = _agent.RequestsTo("POST", "/api/v1/tasks");
        Assert.Equal(2, posts.Count);
        Assert.Equal("jobs-7-1-1", posts[0].Headers["Idempotency-Key"]);
        Assert.Equal(posts[0].Headers["Idempotency-Key"], posts[1].Headers["Idempotency-Key"]);
        Assert.Equal(1, _agent.TasksCreated);
    }

    [Fact]
    public async Task Start_SlowCreateRetriedWithoutDuplicate_ChannelDownUnavailable()
    {
        _agent.DelayNextCreateAnswer = TimeSpan.FromSeconds(5); // created, but the answer is lost to the client's 2 s timeout
        var o = Assert.Single(await _executor.StartAsync([Work.For(1, "web-01", Cmd)], CancellationToken.None));
        Assert.NotNull(o.ExternalRef);
        Assert.Equal(2, _agent.RequestsTo("POST", "/api/v1/tasks").Count);
        Assert.Equal(1, _agent.TasksCreated); // the retry got the same task back through its Idempotency-Key

        await _agent.StopAsync();
        var ex = await Assert.ThrowsAsync<ExecutorUnavailableException>(() => _executor.StartAsync([Work.For(2, "web-02", Cmd)], CancellationToken.None));
        Assert.Contains("agent API at", ex.Message);
        Assert.Contains("connection refused", ex.Message);
    }

    [Fact]
    public async Task Cancel_RunningTask_Deleted()
    {
        _agent.Behavior = (_, _) => new AgentOutcome(null, null);
        var w = Work.For(1, "web-01", Cmd);
        var o = await _executor.StartAsync([w], CancellationToken.None);

        await _executor.CancelAsync([Work.InFlight(o[0], w)], CancellationToken.None);
        var r = Assert.Single(await _executor.PollAsync([Work.InFlight(o[0], w)], CancellationToken.None));

        Assert.Equal(o[0].ExternalRef, Assert.Single(_agent.Canceled));
        Assert.Equal(HostStatus.Canceled, r.Status);
    }

    [Fact]
    public async Task Poll_TaskNeverReports_BackstopTimesItOut30sAfterTheHostTimeoutAndCancels()
    {
        var clock = new Jobs.Testing.ManualClock(DateTimeOffset.UtcNow);
        await using var harness = ExecutorHarness.For("agent-clock", "agent", _agent.BaseUrl, new Dictionary<string, string?> { ["Token"] = "agent-token" }, clock);
        var executor = harness.Executor("agent-clock");
        _agent.Behavior = (_, _) => new AgentOutcome(null, null); // the agent never reports back
        var w = Work.For(1, "web-01", Cmd, TimeSpan.FromSeconds(60));
        var o = Assert.Single(await executor.StartAsync([w], CancellationToken.None));
        var inFlight = Work.InFlight(o, w, clock.GetUtcNow().UtcDateTime);

        clock.Advance(TimeSpan.FromSeconds(60 + 29));
        var before = Assert.Single(await executor.PollAsync([inFlight], CancellationToken.None));
        var canceledBefore = _agent.Canceled.Count;
        clock.Advance(TimeSpan.FromSeconds(2));
        var after = Assert.Single(await executor.PollAsync([inFlight], CancellationToken.None));

        Assert.False(before.IsFinished);
        Assert.Equal(0, canceledBefore); // nothing canceled before the backstop
        Assert.Equal((HostStatus.TimedOut, ErrorCategory.Environment), (after.Status, after.Category));
        Assert.Contains("did not finish within the host timeout of 60 s", after.Stderr);
        Assert.Equal(o.ExternalRef, Assert.Single(_agent.Canceled));
    }

    [Fact]
    public async Task Recover_CreateAnswersLost_ReplayWithTheIdempotencyKeyReturnsTheOriginalTask()
    {
        _agent.ResetAfterHandling("POST", "/api/v1/tasks", times: 3); // the create and both retries: taken, never answered
        var w = Work.For(1, "web-01", Cmd);

        await Assert.ThrowsAsync<ExecutorUnavailableException>(() => _executor.StartAsync([w], CancellationToken.None));
        var recovered = Assert.Single(await _executor.RecoverAsync([w], CancellationToken.None));

        Assert.Equal(RecoveryVerdict.Found, recovered.Verdict);
        Assert.NotNull(recovered.Outcome!.ExternalRef);
        Assert.Equal(1, _agent.TasksPerHost["web-01"]);
        Assert.All(_agent.RequestsTo("POST", "/api/v1/tasks"), r => Assert.Equal("jobs-7-1-1", r.Headers["Idempotency-Key"]));
    }

    [Fact]
    public async Task TestConnection_HealthWithToken_Ok_WrongToken_Fails()
    {
        var ok = await _executor.TestConnectionAsync(CancellationToken.None);
        _agent.Token = "rotated";
        var bad = await _executor.TestConnectionAsync(CancellationToken.None);

        Assert.True(ok.Ok, ok.Message);
        Assert.Contains("1234 agents connected", ok.Message);
        Assert.False(bad.Ok);
        Assert.Contains("refused the bearer token", bad.Message);
    }

    [Theory]
    [InlineData("""{"command": "uptime"}""", "")]
    [InlineData("""{"env": {}}""", "parameters.command is required")]
    [InlineData("""{"command": "x", "env": {"A": 1}}""", "parameters.env.A must be a string")]
    [InlineData("""{"command": "x", "host": "y"}""", "parameters.host is not an agent parameter")]
    public void ValidateParameters_Cases_NameTheParameter(string json, string expected)
    {
        var errors = _executor.ValidateParameters((JsonObject)JsonNode.Parse(json)!);

        if (expected.Length == 0) Assert.Empty(errors);
        else Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }
}
