using System.Diagnostics;
using Jobs.Core.Domain;
using Jobs.Core.Execution;
using Jobs.Executors.Tests.Fakes;
using Jobs.Executors.Tests.Infrastructure;

namespace Jobs.Executors.Tests;

/// <summary>Transport faults: what is retried, what becomes ExecutorUnavailable, the circuit breaker.</summary>
public sealed class ResilienceTests : IAsyncLifetime
{
    private const string Cmd = """{"function": "cmd.run_all", "command": "uptime"}""";
    private const string SaltError = """{"status": 500, "return": "An unexpected error occurred"}""";
    /// <summary>Generous, so a loaded machine's ordinary answers never miss it; a slow fault answers never (until aborted).</summary>
    private const string AttemptTimeoutSeconds = "5";
    private static readonly TimeSpan Never = TimeSpan.FromMinutes(10);
    private readonly FakeSaltApi _salt = new();
    private ExecutorHarness _harness = null!;
    private IExecutor _executor = null!;

    public async Task InitializeAsync()
    {
        _salt.Minions.Add("web-01");
        await _salt.StartAsync();
        _harness = ExecutorHarness.For("salt-sh", "salt", _salt.BaseUrl,
            new Dictionary<string, string?> { ["Username"] = "svc-jobs", ["Password"] = "salt-pass", ["TimeoutSeconds"] = AttemptTimeoutSeconds });
        _executor = _harness.Executor("salt-sh");
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _salt.DisposeAsync();
    }

    private async Task<(IReadOnlyList<DispatchOutcome> Outcomes, HostWork Work)> StartOneAsync()
    {
        // On a loaded machine the setup's own start could miss the attempt timeout: then the test says so here instead of
        // failing later on a host without a reference.
        var w = Work.For(1, "web-01", Cmd);
        var outcomes = await _executor.StartAsync([w], CancellationToken.None);
        Assert.True(outcomes.Single().ExternalRef is not null, $"the setup's start did not get through: {outcomes.Single()}");
        return (outcomes, w);
    }

    [Fact]
    public async Task Poll_500Once_RetriedAndSucceeds()
    {
        var (o, w) = await StartOneAsync();
        _salt.FailWith("GET", "/jobs/", 500, SaltError);

        var r = Assert.Single(await _executor.PollAsync([Work.InFlight(o[0], w)], CancellationToken.None));

        Assert.Equal(HostStatus.Succeeded, r.Status);
        Assert.Equal(2, _salt.RequestsTo("GET", "/jobs/").Count);
    }

    [Fact]
    public async Task Poll_500Always_UnavailableAfterThreeAttempts()
    {
        var (o, w) = await StartOneAsync();
        _salt.FailWith("GET", "/jobs/", 500, SaltError, times: 10);

        var ex = await Assert.ThrowsAsync<ExecutorUnavailableException>(() => _executor.PollAsync([Work.InFlight(o[0], w)], CancellationToken.None));

        Assert.Equal("salt-sh", ex.ExecutorName);
        Assert.True(ex.Message.Contains("HTTP 500"), ex.Message);
        Assert.Contains("An unexpected error occurred", ex.Message);
        Assert.Equal(3, _salt.RequestsTo("GET", "/jobs/").Count);
    }

    [Fact]
    public async Task Start_500_NotRetried_LeftToRecoveryWhichFindsItNeverPublished()
    {
        await _executor.TestConnectionAsync(CancellationToken.None); // logged in
        _salt.FailWith("POST", "/", 500, SaltError);
        var w = Work.For(1, "web-01", Cmd);

        var o = Assert.Single(await _executor.StartAsync([w], CancellationToken.None));
        var recovered = Assert.Single(await _executor.RecoverAsync([w], CancellationToken.None));

        Assert.Single(_salt.RequestsTo("POST", "/"), r => r.Body.Contains("local_async") && !r.Body.Contains("jobs-connection-test"));
        Assert.True(o is { Unsettled: true, ExternalRef: null, ImmediateResult: null, MayHaveStarted: true }, o.ToString());
        Assert.Equal(RecoveryVerdict.NotReceived, recovered.Verdict);
        Assert.Empty(_salt.PublishesPerMinion);
    }

    [Fact]
    public async Task Start_AnswerSlowerThanTheTimeout_NotRetried_RecoveryFindsThePublishedJob()
    {
        await _executor.TestConnectionAsync(CancellationToken.None);
        _salt.SlowAfterHandling("POST", "/", Never);
        var w = Work.For(1, "web-01", Cmd);

        var o = Assert.Single(await _executor.StartAsync([w], CancellationToken.None));
        var recovered = Assert.Single(await _executor.RecoverAsync([w], CancellationToken.None));

        Assert.True(o.Unsettled, o.ToString());
        Assert.Single(_salt.RequestsTo("POST", "/"), r => r.Body.Contains("local_async") && !r.Body.Contains("jobs-connection-test"));
        Assert.Equal(RecoveryVerdict.Found, recovered.Verdict);
        Assert.Equal($"{Assert.Single(_salt.Jids)}:web-01", recovered.Outcome!.ExternalRef);
        Assert.Contains($"no response within {AttemptTimeoutSeconds} s", _harness.Logs.All);
    }

    [Fact]
    public async Task Start_503MasterNotRunning_UnavailableSoTheJobPauses()
    {
        await _executor.TestConnectionAsync(CancellationToken.None);
        _salt.FailWith("POST", "/", 503, "<html>503 Service Unavailable</html>", "text/html");

        var ex = await Assert.ThrowsAsync<ExecutorUnavailableException>(() => _executor.StartAsync([Work.For(1, "web-01", Cmd)], CancellationToken.None));

        Assert.Contains("HTTP 503", ex.Message);
    }

    [Fact]
    public async Task Poll_SlowOnceThenFast_RetriedWithinTheCall()
    {
        var (o, w) = await StartOneAsync();
        _salt.Slow("GET", "/jobs/", Never); // answers only when the client gives up on it

        var r = Assert.Single(await _executor.PollAsync([Work.InFlight(o[0], w)], CancellationToken.None));

        Assert.Equal(HostStatus.Succeeded, r.Status);
        Assert.Equal(2, _salt.RequestsTo("GET", "/jobs/").Count); // the slow attempt was cut by the timeout and retried
    }

    [Fact]
    public async Task Start_ConnectionRefused_UnavailableSaysSo()
    {
        await _salt.StopAsync();

        var ex = await Assert.ThrowsAsync<ExecutorUnavailableException>(() => _executor.StartAsync([Work.For(1, "web-01", Cmd)], CancellationToken.None));

        Assert.Equal($"salt-api at {_salt.BaseUrl} unreachable: connection refused (login)", ex.Message);
    }

    [Fact]
    public async Task Poll_MalformedJson_Unavailable()
    {
        var (o, w) = await StartOneAsync();
        _salt.FailWith("GET", "/jobs/", 200, """{"info": [{"jid": "1", "Result": {""");

        var ex = await Assert.ThrowsAsync<ExecutorUnavailableException>(() => _executor.PollAsync([Work.InFlight(o[0], w)], CancellationToken.None));

        Assert.Contains("malformed JSON", ex.Message);
    }

    [Fact]
    public async Task Breaker_RepeatedFailures_OpensAndFailsFast_ProbeClosesIt()
    {
        var (o, w) = await StartOneAsync();
        await _salt.StopAsync();
        ExecutorUnavailableException? open = null;
        for (var i = 0; i < 10 && open is null; i++)
        {
            var ex = await Assert.ThrowsAsync<ExecutorUnavailableException>(() => _executor.PollAsync([Work.InFlight(o[0], w)], CancellationToken.None));
            if (ex.Message.Contains("circuit open")) open = ex;
        }

        Assert.NotNull(open);
        Assert.True(open.Message.Contains("circuit open after repeated failures (last: connection refused)"), open.Message);
        // Fails fast: the next call does not try the endpoint at all (no "connection refused"), it is refused by the breaker.
        var fast = await Assert.ThrowsAsync<ExecutorUnavailableException>(() => _executor.PollAsync([Work.InFlight(o[0], w)], CancellationToken.None));
        Assert.Contains("circuit open", fast.Message);

        await _salt.StartAsync(); // back on the same port
        var probe = await _executor.TestConnectionAsync(CancellationToken.None);
        Assert.True(probe.Ok, probe.Message);
        var r = Assert.Single(await _executor.PollAsync([Work.InFlight(o[0], w)], CancellationToken.None));
        Assert.Equal(HostStatus.Succeeded, r.Status);
    }

    [Fact]
    public async Task Poll_SlowWhileAFakeClockIsRegistered_TimesOutOnRealTime()
    {
        // Issue 11: the resilience handler must not pick up the app's TimeProvider (a test clock would freeze timeouts).
        await using var harness = ExecutorHarness.For("salt-clock", "salt", _salt.BaseUrl,
            new Dictionary<string, string?> { ["Username"] = "svc-jobs", ["Password"] = "salt-pass", ["TimeoutSeconds"] = "1" },
            new Jobs.Testing.ManualClock(DateTimeOffset.UtcNow));
        var executor = harness.Executor("salt-clock");
        var w = Work.For(1, "web-01", Cmd);
        var o = await executor.StartAsync([w], CancellationToken.None);
        _salt.Slow("GET", "/jobs/", Never, times: 3);

        // A frozen clock would never end the attempts: the call would not return at all.
        var poll = executor.PollAsync([Work.InFlight(o[0], w)], CancellationToken.None);
        Assert.Same(poll, await Task.WhenAny(poll, Task.Delay(TimeSpan.FromSeconds(60))));
        var ex = await Assert.ThrowsAsync<ExecutorUnavailableException>(() => poll);

        Assert.Contains("no response within 1 s", ex.Message);
    }

    [Fact]
    public async Task Breaker_OneInstanceDown_OtherInstanceOfTheSameTypeUnaffected()
    {
        await using var other = new FakeSaltApi();
        other.Minions.Add("web-01");
        await other.StartAsync();
        await using var harness = ExecutorHarness.Create(new Dictionary<string, string?>
        {
            ["Jobs:Executors:a:Type"] = "salt", ["Jobs:Executors:a:BaseUrl"] = _salt.BaseUrl.ToString(),
            ["Jobs:Executors:a:Username"] = "svc-jobs", ["Jobs:Executors:a:Password"] = "salt-pass",
            ["Jobs:Executors:b:Type"] = "salt", ["Jobs:Executors:b:BaseUrl"] = other.BaseUrl.ToString(),
            ["Jobs:Executors:b:Username"] = "svc-jobs", ["Jobs:Executors:b:Password"] = "salt-pass",
        });
        await _salt.StopAsync();
        for (var i = 0; i < 6; i++)
            await Assert.ThrowsAsync<ExecutorUnavailableException>(() => harness.Executor("a").StartAsync([Work.For(1, "web-01", Cmd)], CancellationToken.None));

        var started = Assert.Single(await harness.Executor("b").StartAsync([Work.For(1, "web-01", Cmd)], CancellationToken.None));

        Assert.NotNull(started.ExternalRef);
    }

    [Fact]
    public async Task Start_500AfterSendingIssue11_OutcomeUnknownIsTypedNotReadFromTheMessage()
    {
        await _executor.TestConnectionAsync(CancellationToken.None);
        _salt.FailWith("POST", "/", 502, "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html");

        var o = Assert.Single(await _executor.StartAsync([Work.For(1, "web-01", Cmd)], CancellationToken.None));

        Assert.True(o.Unsettled);
        Assert.True(o.MayHaveStarted);
        Assert.Null(o.ExternalRef);
        Assert.False(DispatchOutcome.NotStarted(1, new HostResult(1, HostStatus.Failed)).MayHaveStarted);
    }
}
