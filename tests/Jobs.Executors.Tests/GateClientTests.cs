using System.Net;
using Jobs.Core.Gates;
using Jobs.Executors.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Jobs.Executors.Tests;

/// <summary>
/// The gates' error paths (issue 13), through the clients the app registers, against a real Kestrel server on 127.0.0.1:
/// each failure is a failed check with a reason an operator can read, never an exception.
/// </summary>
public sealed class GateClientTests : IAsyncLifetime
{
    private readonly GateServer _server = new();
    private ExecutorHarness _harness = null!;

    private IHttpProbeClient Probe => _harness.Services.GetRequiredService<IHttpProbeClient>();

    private IPrometheusClient Prometheus => _harness.Services.GetRequiredService<IPrometheusClient>();

    public async Task InitializeAsync()
    {
        await _server.StartAsync();
        _harness = ExecutorHarness.Create(new Dictionary<string, string?>());
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Probe_Unreachable_FailsNamingTheConnectionError()
    {
        var port = _server.Port;
        await _server.StopAsync(); // nothing listens there any more

        var check = await Probe.ProbeAsync($"http://127.0.0.1:{port}/health", 200, null, null, TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.False(check.Passed);
        Assert.Contains("refused", check.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Probe_NoAnswerWithinTheTimeout_FailsSayingSo()
    {
        _server.Answer = async ctx =>
        {
            try { await Task.Delay(Timeout.Infinite, ctx.RequestAborted); } catch (OperationCanceledException) { }
        };

        var check = await Probe.ProbeAsync(_server.Url("health"), 200, null, null, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.False(check.Passed);
        Assert.Equal("no answer within 1 s", check.Reason);
    }

    [Fact]
    public async Task Probe_BodyNotJson_FailsSayingSo()
    {
        _server.Answer = ctx => ctx.Response.WriteAsync("<html>ok</html>");

        var check = await Probe.ProbeAsync(_server.Url("health"), 200, "$.status", "UP", TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Equal((false, "the response is not JSON"), (check.Passed, check.Reason));
    }

    [Fact]
    public async Task Prometheus_ErrorStatus_FailsWithPrometheusOwnError()
    {
        _server.Answer = ctx =>
        {
            ctx.Response.StatusCode = 400;
            return ctx.Response.WriteAsJsonAsync(new { status = "error", errorType = "bad_data", error = "parse error at char 5: unexpected \")\"" });
        };

        var r = await Prometheus.QueryAsync(_server.Url(""), "rate(x[5m]))", TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Empty(r.Samples);
        Assert.Equal("HTTP 400: parse error at char 5: unexpected \")\"", r.Error);
        Assert.Equal("rate(x[5m]))", _server.Queries.Single());
    }

    [Fact]
    public async Task Prometheus_NaNSample_ReadAsNaNAndTheGateFails()
    {
        _server.Answer = ctx => ctx.Response.WriteAsync(
            """{"status":"success","data":{"resultType":"vector","result":[{"metric":{"job":"a"},"value":[1700000000,"NaN"]}]}}""");

        var r = await Prometheus.QueryAsync(_server.Url(""), "errors / requests", TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Null(r.Error);
        Assert.True(double.IsNaN(Assert.Single(r.Samples).Value));
        Assert.Equal("{job=\"a\"}", r.Samples[0].Labels);
    }

    [Fact]
    public async Task Prometheus_ScalarResult_OneUnlabelledSample()
    {
        _server.Answer = ctx => ctx.Response.WriteAsync("""{"status":"success","data":{"resultType":"scalar","result":[1700000000,"0.25"]}}""");

        var r = await Prometheus.QueryAsync(_server.Url(""), "scalar(sum(up))", TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Null(r.Error);
        Assert.Equal(new PrometheusSample("", 0.25), Assert.Single(r.Samples));
    }

    [Fact]
    public async Task Prometheus_MatrixResult_ErrorNamesTheType()
    {
        _server.Answer = ctx => ctx.Response.WriteAsync("""{"status":"success","data":{"resultType":"matrix","result":[]}}""");

        var r = await Prometheus.QueryAsync(_server.Url(""), "up[5m]", TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Equal("result type 'matrix' is not supported (use an instant vector or scalar)", r.Error);
    }

    /// <summary>One endpoint for any path; records the Prometheus query it was asked (asserted by the tests, not in here).</summary>
    private sealed class GateServer : Fakes.FakeServer
    {
        public Func<HttpContext, Task> Answer { get; set; } = ctx => ctx.Response.WriteAsync("{}");

        public System.Collections.Concurrent.ConcurrentQueue<string> Queries { get; } = new();

        public string Url(string path) => new Uri(BaseUrl, path).ToString();

        protected override void Map(WebApplication app) => app.Run(ctx =>
        {
            if (ctx.Request.Query.TryGetValue("query", out var q)) Queries.Enqueue(q.ToString());
            return Answer(ctx);
        });
    }
}
