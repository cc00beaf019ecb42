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
    private readonly FakeSaltApi _salt = new();
    private ExecutorHarness _harness = null!;
    private IExecutor _executor = null!;

    public async Task InitializeAsync()
    {
        _salt.Minions.Add("web-01");
        await _salt.StartAsync();
        _harness = ExecutorHarness.For("salt-sh", "salt", _salt.BaseUrl,
            new Dictionary<string, string?> { ["Username"] = "svc-jobs", ["Password"] = "salt-pass", ["TimeoutSeconds"] = "1" });
        _executor = _harness.Executor("salt-sh");
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _salt.DisposeAsync();
    }

    private async Task<(IReadOnlyList<DispatchOutcome> Outcomes, HostWork Work)> StartOneAsync()
    {
        // The attempt timeout is 1 s: on a loaded machine the setup's own start can miss it, and then the test must say
        // so here instead of failing later on a host without a reference.
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
    public async Task Start_500_NotRetried_HostsFailAsOutcomeUnknownNotSentAgain()
    {
        await _executor.TestConnectionAsync(CancellationToken.None); // logged in
        _salt.FailWith("POST", "/", 500, SaltError, times: 10);

        var o = Assert.Single(await _executor.StartAsync([Work.For(1, "web-01", Cmd)], CancellationToken.None));

        Assert.Single(_salt.RequestsTo("POST", "/"), r => r.Path == "/" && !r.Body.Contains("jobs-connection-test"));
        Assert.Null(o.ExternalRef);
        Assert.Equal(HostStatus.Failed, o.ImmediateResult!.Status);
        Assert.Equal(ErrorCategory.System, o.ImmediateResult.Category);
        Assert.StartsWith("outcome unknown: salt-api at", o.ImmediateResult.Stderr);
        Assert.Contains("HTTP 500", o.ImmediateResult.Stderr);
    }

    [Fact]
    public async Task Start_SlowPastTimeout_NotRetried_OutcomeUnknown()
    {
        await _executor.TestConnectionAsync(CancellationToken.None);
        _salt.Slow("POST", "/", TimeSpan.FromSeconds(5), times: 5);
        var sw = Stopwatch.StartNew();

        var o = Assert.Single(await _executor.StartAsync([Work.For(1, "web-01", Cmd)], CancellationToken.None));

        Assert.Contains("got no answer (no response within 1 s)", o.ImmediateResult!.Stderr);
        Assert.Single(_salt.RequestsTo("POST", "/"), r => r.Path == "/" && !r.Body.Contains("jobs-connection-test"));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(4), $"took {sw.Elapsed}");
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
        _salt.Slow("GET", "/jobs/", TimeSpan.FromSeconds(5));

        var r = Assert.Single(await _executor.PollAsync([Work.InFlight(o[0], w)], CancellationToken.None));

        Assert.Equal(HostStatus.Succeeded, r.Status);
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
        var sw = Stopwatch.StartNew();
        await Assert.ThrowsAsync<ExecutorUnavailableException>(() => _executor.PollAsync([Work.InFlight(o[0], w)], CancellationToken.None));
        Assert.True(sw.Elapsed < TimeSpan.FromMilliseconds(200), $"an open circuit should fail fast, took {sw.Elapsed}");

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
        _salt.Slow("GET", "/jobs/", TimeSpan.FromSeconds(30), times: 3);
        var sw = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<ExecutorUnavailableException>(() => executor.PollAsync([Work.InFlight(o[0], w)], CancellationToken.None));

        Assert.Contains("no response within 1 s", ex.Message);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), $"took {sw.Elapsed}");
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

        Assert.True(o.OutcomeUnknown);
        Assert.True(o.MayHaveStarted);
        Assert.Null(o.ExternalRef);
        Assert.False(DispatchOutcome.NotStarted(1, o.ImmediateResult!).MayHaveStarted);
    }
}
