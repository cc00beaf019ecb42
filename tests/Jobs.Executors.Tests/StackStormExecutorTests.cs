using System.Text.Json.Nodes;
using Jobs.Core.Domain;
using Jobs.Core.Execution;
using Jobs.Executors.Tests.Fakes;
using Jobs.Executors.Tests.Infrastructure;

namespace Jobs.Executors.Tests;

public sealed class StackStormExecutorTests : IAsyncLifetime
{
    private const string Remote = """{"action": "core.remote", "parameters": {"hosts": "web-01", "cmd": "uptime", "timeout": 120, "sudo": false}}""";
    private const string Local = """{"action": "core.local", "parameters": {"cmd": "echo hi"}}""";
    private readonly FakeStackStorm _st2 = new(Contracts.StackStorm);
    private ExecutorHarness _harness = null!;
    private IExecutor _executor = null!;

    public async Task InitializeAsync()
    {
        await _st2.StartAsync();
        _harness = Harness(new() { ["ApiKey"] = "st2-key" });
        _executor = _harness.Executor("st2");
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _st2.DisposeAsync();
        // Every request body the client sent must satisfy ExecutionRequest from st2-openapi.yaml.
        Assert.Empty(_st2.SchemaViolations);
    }

    private ExecutorHarness Harness(Dictionary<string, string?> credentials) =>
        ExecutorHarness.For("st2", "stackstorm", _st2.BaseUrl, credentials);

    [Fact]
    public async Task Start_EachHost_OneExecutionWithActionAndRenderedParameters()
    {
        var work = new[] { Work.For(1, "web-01", Remote), Work.For(2, "web-02", Remote.Replace("web-01", "web-02")) };

        var outcomes = await _executor.StartAsync(work, CancellationToken.None);

        Assert.Equal(2, _st2.ExecutionIds.Count);
        Assert.All(outcomes, o => Assert.Contains(o.ExternalRef, _st2.ExecutionIds));
        var bodies = _st2.RequestsTo("POST", "/api/v1/executions").Select(r => JsonNode.Parse(r.Body)!).ToList();
        Assert.All(bodies, b => Assert.Empty(Contracts.StackStorm.Validate("ExecutionRequest", b)));
        Assert.Contains(bodies, b => b["parameters"]!["hosts"]!.ToString() == "web-02");
        Assert.All(_st2.RequestsTo("POST", "/api/v1/executions"), r => Assert.Equal("st2-key", r.Headers["St2-Api-Key"]));
    }

    [Fact]
    public void SchemaValidator_BodyWithUnknownNotifyKey_IsRejected()
    {
        // The check in DisposeAsync is only worth something if the validator can fail.
        var bad = JsonNode.Parse("""{"parameters": {}, "notify": {"on-everything": {}}, "delay": "soon"}""");

        var errors = Contracts.StackStorm.Validate("ExecutionRequest", bad);

        Assert.Contains(errors, e => e.Contains("required property 'action'"));
        Assert.Contains(errors, e => e.Contains("'on-everything' is not allowed"));
        Assert.Contains(errors, e => e.Contains("$.delay: expected integer"));
    }

    [Fact]
    public void Status_All14_FiveTerminalRestRunning()
    {
        var terminal = StackStorm.StackStormStatus.All.Where(s => StackStorm.StackStormStatus.Map(s) is not null).ToList();

        Assert.Equal(14, StackStorm.StackStormStatus.All.Count);
        Assert.Equal(["succeeded", "failed", "timeout", "abandoned", "canceled"], terminal);
        // The list matches the enum of Execution.status in the spec, name for name (issue 13: not just as many).
        var spec = Contracts.StackStorm.Definition("LiveAction")["properties"]["status"]["enum"];
        var names = ((YamlDotNet.RepresentationModel.YamlSequenceNode)spec).Children.Select(n => n.ToString()).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), StackStorm.StackStormStatus.All.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("succeeded", HostStatus.Succeeded, null)]
    [InlineData("failed", HostStatus.Failed, ErrorCategory.Environment)]
    [InlineData("timeout", HostStatus.TimedOut, ErrorCategory.Environment)]
    [InlineData("abandoned", HostStatus.Failed, ErrorCategory.System)]
    public async Task Poll_TerminalStatus_MapsToHostStatus(string status, HostStatus expected, ErrorCategory? category)
    {
        _st2.Behavior = (_, _) => new St2Outcome(status, new JsonObject
        {
            ["succeeded"] = status == "succeeded", ["failed"] = status != "succeeded",
            ["return_code"] = status switch { "succeeded" => 0, "timeout" => -9, _ => 1 }, ["stdout"] = "out", ["stderr"] = status == "succeeded" ? "" : "err",
        });
        var w = Work.For(1, "web-01", Local);
        var o = await _executor.StartAsync([w], CancellationToken.None);

        var r = Assert.Single(await Work.PollUntilDoneAsync(_executor, [Work.InFlight(o[0], w)]));

        Assert.Equal(expected, r.Status);
        Assert.Equal(category, r.Category);
        Assert.Equal("out", r.Stdout);
        Assert.NotNull(r.FinishedAt);
    }

    [Theory]
    [InlineData("requested")]
    [InlineData("scheduled")]
    [InlineData("delayed")]
    [InlineData("running")]
    [InlineData("canceling")]
    [InlineData("pending")]
    [InlineData("pausing")]
    [InlineData("paused")]
    [InlineData("resuming")]
    public async Task Poll_NonTerminalStatus_StillRunning(string status)
    {
        _st2.Behavior = (_, _) => new St2Outcome(null, null, Waiting: status);
        var w = Work.For(1, "web-01", Local);
        var o = await _executor.StartAsync([w], CancellationToken.None);

        var r = Assert.Single(await _executor.PollAsync([Work.InFlight(o[0], w)], CancellationToken.None));

        Assert.False(r.IsFinished);
    }

    [Fact]
    public async Task Poll_CoreRemoteKeyedByHost_TakesThisHostsEntry()
    {
        _st2.Behavior = (_, _) => new St2Outcome("failed", new JsonObject
        {
            ["web-01"] = new JsonObject { ["succeeded"] = false, ["failed"] = true, ["return_code"] = 255, ["stdout"] = "", ["stderr"] = "",
                ["error"] = "Unable to connect to host web-01", ["timeout"] = false },
        });
        var w = Work.For(1, "web-01", Remote);
        var o = await _executor.StartAsync([w], CancellationToken.None);

        var r = Assert.Single(await Work.PollUntilDoneAsync(_executor, [Work.InFlight(o[0], w)]));

        Assert.Equal(HostStatus.Failed, r.Status);
        Assert.Equal(255, r.ExitCode);
        Assert.Contains("Unable to connect to host web-01", r.Stderr);
    }

    [Fact]
    public async Task Poll_FailedWorkflow_NamesTheFailingTask()
    {
        _st2.Behavior = (_, _) => new St2Outcome("failed", new JsonObject
        {
            ["output"] = new JsonObject { ["deployed"] = false },
            ["errors"] = new JsonArray(new JsonObject { ["type"] = "error", ["task_id"] = "restart_service", ["message"] = "Execution failed. See result for details.", ["route"] = 0 }),
        });
        var w = Work.For(1, "web-01", """{"action": "ops.deploy_wf", "parameters": {"host": "web-01"}}""");
        var o = await _executor.StartAsync([w], CancellationToken.None);

        var r = Assert.Single(await Work.PollUntilDoneAsync(_executor, [Work.InFlight(o[0], w)]));

        Assert.Equal(HostStatus.Failed, r.Status);
        Assert.Contains("failed task: restart_service: Execution failed", r.Stderr);
    }

    [Fact]
    public async Task Poll_UnknownExecution_FailedSystem()
    {
        var r = Assert.Single(await _executor.PollAsync(
            [new InFlightHost(1, "web-01", "5f0000000000000000000000", DateTime.UtcNow, TimeSpan.FromMinutes(1))], CancellationToken.None));

        Assert.Equal(HostStatus.Failed, r.Status);
        Assert.Equal(ErrorCategory.System, r.Category);
        Assert.Contains("Unable to identify resource", r.Stderr);
    }

    [Fact]
    public async Task Poll_PastHostTimeout_TimedOutAndCanceled()
    {
        _st2.Behavior = (_, _) => new St2Outcome(null, null);
        var w = Work.For(1, "web-01", Local, TimeSpan.FromSeconds(30));
        var o = await _executor.StartAsync([w], CancellationToken.None);

        var r = Assert.Single(await _executor.PollAsync([Work.InFlight(o[0], w, DateTime.UtcNow.AddSeconds(-31))], CancellationToken.None));

        Assert.Equal(HostStatus.TimedOut, r.Status);
        Assert.Equal("canceled", _st2.StatusOf(o[0].ExternalRef!));
    }

    [Fact]
    public async Task Cancel_RunningAndFinished_DeletesAndToleratesFaultstringOn200()
    {
        _st2.Behavior = (_, p) => p["cmd"]!.ToString() == "slow" ? new St2Outcome(null, null) : new St2Outcome("succeeded", new JsonObject { ["return_code"] = 0 });
        var work = new[] { Work.For(1, "web-01", """{"action": "core.local", "parameters": {"cmd": "slow"}}"""), Work.For(2, "web-02", Local) };
        var o = await _executor.StartAsync(work, CancellationToken.None);

        await _executor.CancelAsync(o.Select((x, i) => Work.InFlight(x, work[i])).ToList(), CancellationToken.None);

        Assert.Equal("canceled", _st2.StatusOf(o[0].ExternalRef!));
        Assert.Equal("succeeded", _st2.StatusOf(o[1].ExternalRef!));
        Assert.Contains(_harness.Logs.Lines, l => l.Contains("Action cannot be canceled. State = succeeded."));
    }

    [Fact]
    public async Task Start_UnknownAction_HostFailsWithTheFaultstring()
    {
        var w = Work.For(1, "web-01", """{"action": "nosuch.action", "parameters": {}}""");

        var o = Assert.Single(await _executor.StartAsync([w], CancellationToken.None));

        Assert.Null(o.ExternalRef);
        Assert.Contains("Action \"nosuch.action\" cannot be found.", o.ImmediateResult!.Stderr);
    }

    [Fact]
    public async Task Token_UserPassword_TokenFromAuthAndRenewedOnExpiryMidJob()
    {
        await using var harness = Harness(new() { ["Username"] = "st2admin", ["Password"] = "st2-pass" });
        var executor = harness.Executor("st2");
        _st2.Behavior = (_, _) => new St2Outcome("succeeded", new JsonObject { ["return_code"] = 0, ["stdout"] = "x" }, TimeSpan.FromMilliseconds(300));
        var w = Work.For(1, "web-01", Local);
        var o = await executor.StartAsync([w], CancellationToken.None);
        Assert.Equal(1, _st2.TokensIssued);
        Assert.True(_st2.RequestsTo("POST", "/api/v1/executions").Single().Headers.ContainsKey("X-Auth-Token"));

        _st2.ExpireTokens();
        var r = Assert.Single(await Work.PollUntilDoneAsync(executor, [Work.InFlight(o[0], w)]));

        Assert.Equal(HostStatus.Succeeded, r.Status);
        Assert.Equal(2, _st2.TokensIssued);
        Assert.DoesNotContain("st2-pass", harness.Logs.All);
    }

    [Fact]
    public async Task ApiKey_Wrong_UnavailableNamingTheKeyNotItsValue()
    {
        await using var harness = Harness(new() { ["ApiKey"] = "Wr0ng-K3y" });

        var ex = await Assert.ThrowsAsync<ExecutorUnavailableException>(() =>
            harness.Executor("st2").StartAsync([Work.For(1, "web-01", Local)], CancellationToken.None));

        Assert.Contains("the API key is not valid", ex.Message);
        Assert.DoesNotContain("Wr0ng-K3y", ex.Message);
        Assert.DoesNotContain("Wr0ng-K3y", harness.Logs.All);
    }

    [Fact]
    public async Task Start_500OnOneCreate_ThatHostLeftToRecoveryNextStarts()
    {
        _st2.FailWith("POST", "/api/v1/executions", 500, """{"faultstring": "Internal Server Error"}""");
        var w = Work.For(1, "web-01", Local);

        var o = Assert.Single(await _executor.StartAsync([w], CancellationToken.None));
        var again = Assert.Single(await _executor.StartAsync([Work.For(2, "web-02", Local)], CancellationToken.None));
        var recovered = Assert.Single(await _executor.RecoverAsync([w], CancellationToken.None));

        Assert.True(o is { Unsettled: true, ImmediateResult: null }, o.ToString());
        Assert.NotNull(again.ExternalRef);
        Assert.Equal(2, _st2.RequestsTo("POST", "/api/v1/executions").Count); // the failed create was not repeated
        Assert.Equal(RecoveryVerdict.NotReceived, recovered.Verdict);
        Assert.Equal("trace_tag=jobs-7-1-1", Assert.Single(_st2.RequestsTo("GET", "/api/v1/traces")).Query.TrimStart('?'));
    }

    [Fact]
    public async Task Recover_CreateTakenButAnswerReset_FoundByTraceTag()
    {
        _st2.ResetAfterHandling("POST", "/api/v1/executions");
        var w = Work.For(1, "web-01", Local, attempt: 2);

        var o = Assert.Single(await _executor.StartAsync([w], CancellationToken.None));
        var recovered = Assert.Single(await _executor.RecoverAsync([w], CancellationToken.None));

        Assert.True(o.Unsettled, o.ToString());
        Assert.Equal(RecoveryVerdict.Found, recovered.Verdict);
        Assert.Equal(Assert.Single(_st2.ExecutionIds), recovered.Outcome!.ExternalRef);
        Assert.Contains("\"trace_tag\":\"jobs-7-1-2\"", Assert.Single(_st2.RequestsTo("POST", "/api/v1/executions")).Body);
    }

    [Fact]
    public async Task Start_ApiDown_UnavailableSoTheEnginePauses()
    {
        await _st2.StopAsync();

        var ex = await Assert.ThrowsAsync<ExecutorUnavailableException>(() =>
            _executor.StartAsync([Work.For(1, "web-01", Local), Work.For(2, "web-02", Local)], CancellationToken.None));

        Assert.Contains("StackStorm at", ex.Message);
        Assert.Contains("connection refused", ex.Message);
    }

    [Fact]
    public async Task Poll_MalformedJson_Unavailable()
    {
        var w = Work.For(1, "web-01", Local);
        var o = await _executor.StartAsync([w], CancellationToken.None);
        _st2.FailWith("GET", "/api/v1/executions/", 200, "<html>oops</html>", "text/html");

        var ex = await Assert.ThrowsAsync<ExecutorUnavailableException>(() => _executor.PollAsync([Work.InFlight(o[0], w)], CancellationToken.None));

        Assert.Contains("malformed JSON", ex.Message);
    }

    [Fact]
    public async Task TestConnection_Healthy_ListsOneExecution()
    {
        var r = await _executor.TestConnectionAsync(CancellationToken.None);

        Assert.True(r.Ok, r.Message);
        Assert.Contains("Authenticated with the API key", r.Message);
        Assert.Contains(_st2.Requests, q => q.Path == "/api/v1/executions" && q.Query.Contains("limit=1"));
    }

    [Theory]
    [InlineData("""{"action": "core.local", "parameters": {"cmd": "x"}}""", "")]
    [InlineData("""{"parameters": {"cmd": "x"}}""", "parameters.action is required")]
    [InlineData("""{"action": "local"}""", "must be an action ref")]
    [InlineData("""{"action": "core.local", "parameters": "cmd"}""", "parameters.parameters must be a JSON object")]
    [InlineData("""{"action": "core.local", "hosts": "x"}""", "parameters.hosts is not a StackStorm parameter")]
    public void ValidateParameters_Cases_NameTheParameter(string json, string expected)
    {
        var errors = _executor.ValidateParameters((JsonObject)JsonNode.Parse(json)!);

        if (expected.Length == 0) Assert.Empty(errors);
        else Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Descriptor_HelpText_SaysPauseDoesNotPauseRunningExecutions()
    {
        Assert.Contains("pausing a JOBS job does not pause StackStorm executions already running", _executor.Descriptor.ParameterHelp);
    }
}
