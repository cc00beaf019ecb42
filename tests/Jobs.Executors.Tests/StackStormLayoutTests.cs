using Jobs.Core.Domain;
using Jobs.Executors.Tests.Fakes;
using Jobs.Executors.Tests.Infrastructure;

namespace Jobs.Executors.Tests;

/// <summary>Issue 11: StackStorm without nginx (st2api and st2auth on their own ports), and a cancel that passes through canceling.</summary>
public sealed class StackStormLayoutTests
{
    private const string Local = """{"action": "core.local", "parameters": {"cmd": "echo hi"}}""";

    [Fact]
    public async Task ServicePorts_AuthUrlBesideBaseUrl_TokenFromSt2AuthExecutionsOnSt2Api()
    {
        await using var st2 = new FakeStackStorm(Contracts.StackStorm, servicePorts: true);
        await st2.StartAsync();
        await st2.Auth!.StartAsync();
        await using var harness = ExecutorHarness.For("st2", "stackstorm", st2.BaseUrl, new Dictionary<string, string?>
        {
            ["AuthUrl"] = st2.Auth.BaseUrl.ToString(), ["Username"] = "st2admin", ["Password"] = "st2-pass",
        });
        var executor = harness.Executor("st2");

        var probe = await executor.TestConnectionAsync(CancellationToken.None);
        var w = Work.For(1, "web-01", Local);
        var o = await executor.StartAsync([w], CancellationToken.None);
        var r = Assert.Single(await Work.PollUntilDoneAsync(executor, [Work.InFlight(o[0], w)]));

        Assert.True(probe.Ok, probe.Message);
        Assert.Equal(HostStatus.Succeeded, r.Status);
        Assert.Equal(1, st2.TokensIssued);
        Assert.Single(st2.Auth.RequestsTo("POST", "/v1/tokens"));
        Assert.Single(st2.RequestsTo("POST", "/v1/executions"));
        Assert.DoesNotContain(st2.Requests, q => q.Path.StartsWith("/api/", StringComparison.Ordinal) || q.Path.StartsWith("/auth/", StringComparison.Ordinal));
        Assert.Empty(st2.SchemaViolations);
    }

    [Fact]
    public async Task ServicePorts_St2AuthDown_UnavailableNamingTheAuthUrl()
    {
        await using var st2 = new FakeStackStorm(Contracts.StackStorm, servicePorts: true);
        await st2.StartAsync();
        await st2.Auth!.StartAsync();
        var authUrl = st2.Auth.BaseUrl.ToString();
        await st2.Auth.StopAsync();
        await using var harness = ExecutorHarness.For("st2", "stackstorm", st2.BaseUrl, new Dictionary<string, string?>
        {
            ["AuthUrl"] = authUrl, ["Username"] = "st2admin", ["Password"] = "st2-pass",
        });

        var probe = await harness.Executor("st2").TestConnectionAsync(CancellationToken.None);

        Assert.False(probe.Ok);
        Assert.Contains("connection refused", probe.Message);
        Assert.Contains(authUrl.TrimEnd('/') + "/v1/tokens", probe.Message);
    }

    [Fact]
    public async Task Cancel_RunningExecution_RunningThenCancelingThenCanceled()
    {
        await using var st2 = new FakeStackStorm(Contracts.StackStorm) { CancelDelay = TimeSpan.FromMilliseconds(600) };
        st2.Behavior = (_, _) => new St2Outcome(null, null);
        await st2.StartAsync();
        await using var harness = ExecutorHarness.For("st2", "stackstorm", st2.BaseUrl, new Dictionary<string, string?> { ["ApiKey"] = "st2-key" });
        var executor = harness.Executor("st2");
        var w = Work.For(1, "web-01", Local);
        var o = await executor.StartAsync([w], CancellationToken.None);
        var flight = Work.InFlight(o[0], w);
        Assert.Equal("running", st2.StatusOf(o[0].ExternalRef!));

        await executor.CancelAsync([flight], CancellationToken.None);
        var during = Assert.Single(await executor.PollAsync([flight], CancellationToken.None));
        var end = Assert.Single(await Work.PollUntilDoneAsync(executor, [flight]));

        Assert.False(during.IsFinished); // canceling is not terminal
        Assert.Equal(HostStatus.Canceled, end.Status);
        Assert.Equal("canceled", st2.StatusOf(o[0].ExternalRef!));
    }
}
