using System.Text.Json.Nodes;
using Jobs.Core.Domain;
using Jobs.Core.Execution;
using Jobs.Executors.Local;
using Microsoft.Extensions.Logging.Abstractions;

namespace Jobs.Executors.Tests.Local;

/// <summary>The local executor with real processes.</summary>
public sealed class LocalExecutorTests : IDisposable
{
    private readonly LocalExecutor _executor = new(TimeProvider.System, NullLogger<LocalExecutor>.Instance);

    public void Dispose() => _executor.Dispose();

    private async Task<HostResult> RunAsync(JsonObject parameters, TimeSpan? timeout = null)
    {
        var work = new HostWork(1, 1, 1, 1, "h1", "127.0.0.1", parameters, timeout ?? TimeSpan.FromSeconds(20));
        var outcome = (await _executor.StartAsync([work], CancellationToken.None)).Single();
        if (outcome.ExternalRef is null) return outcome.ImmediateResult!;
        var inFlight = new InFlightHost(1, "h1", outcome.ExternalRef, DateTime.UtcNow, work.Timeout);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var r = (await _executor.PollAsync([inFlight], CancellationToken.None)).Single();
            if (r.IsFinished) return r;
            Assert.True(DateTime.UtcNow < deadline, "the process did not finish");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task NextChange_ProcessExits_CompletesAndThePollSeesTheResult()
    {
        // Issue 12: a job's loop waits on this signal, not on a beat: a finished command frees its slot at once.
        var signal = _executor.NextChange!;
        var work = new HostWork(1, 1, 1, 1, "h1", "127.0.0.1", new JsonObject { ["command"] = "true" }, TimeSpan.FromSeconds(20));
        var outcome = (await _executor.StartAsync([work], CancellationToken.None)).Single();

        await signal.WaitAsync(TimeSpan.FromSeconds(30));

        var inFlight = new InFlightHost(1, "h1", outcome.ExternalRef!, DateTime.UtcNow, work.Timeout);
        Assert.Equal(HostStatus.Succeeded, (await _executor.PollAsync([inFlight], CancellationToken.None)).Single().Status);
        Assert.NotSame(signal, _executor.NextChange); // a fresh signal for the next exit
        Assert.False(_executor.NextChange!.IsCompleted);
    }

    [Fact]
    public async Task Run_ExitZero_SucceededWithStdout()
    {
        var r = await RunAsync(new JsonObject { ["command"] = "echo hello 'two words'" });

        Assert.Equal(HostStatus.Succeeded, r.Status);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("hello two words\n", r.Stdout);
        Assert.Null(r.Category);
    }

    [Fact]
    public async Task Run_NonZeroExit_FailedEnvironmentWithStderr()
    {
        var r = await RunAsync(new JsonObject { ["command"] = "sh -c 'echo oops >&2; exit 3'" });

        Assert.Equal(HostStatus.Failed, r.Status);
        Assert.Equal(3, r.ExitCode);
        Assert.Equal(ErrorCategory.Environment, r.Category);
        Assert.Equal("oops\n", r.Stderr);
    }

    [Fact]
    public async Task Run_NoShell_MetacharactersArePassedAsArguments()
    {
        var r = await RunAsync(new JsonObject { ["command"] = "echo $HOME; touch /tmp/jobs-should-not-exist | cat" });

        Assert.Equal(HostStatus.Succeeded, r.Status);
        Assert.Equal("$HOME; touch /tmp/jobs-should-not-exist | cat\n", r.Stdout);
        Assert.False(File.Exists("/tmp/jobs-should-not-exist"));
    }

    [Fact]
    public async Task Run_ShellTrue_UsesShell()
    {
        var r = await RunAsync(new JsonObject { ["command"] = "echo a | tr a b", ["shell"] = true });

        Assert.Equal("b\n", r.Stdout);
    }

    [Fact]
    public async Task Run_ArgumentArray_PassedVerbatim()
    {
        var r = await RunAsync(new JsonObject { ["command"] = new JsonArray("printf", "%s|", "a b", "c\"d") });

        Assert.Equal("a b|c\"d|", r.Stdout);
    }

    [Fact]
    public async Task Run_ExceedsTimeout_KillsProcessTreeAndTimesOut()
    {
        var marker = Path.Combine(Path.GetTempPath(), "jobs-local-" + Guid.NewGuid().ToString("N"));
        // The child sleeps then writes a file; if only the shell were killed, the grandchild would still write it.
        var r = await RunAsync(new JsonObject { ["command"] = $"sh -c '(sleep 2; touch {marker}) & sleep 30'" }, TimeSpan.FromMilliseconds(500));

        Assert.Equal(HostStatus.TimedOut, r.Status);
        Assert.Equal(ErrorCategory.Environment, r.Category);
        Assert.Contains("process tree killed", r.Stderr);
        await Task.Delay(2500);
        Assert.False(File.Exists(marker), "a grandchild survived the kill");
    }

    [Fact]
    public async Task Run_HugeOutput_CappedWithMark()
    {
        var r = await RunAsync(new JsonObject { ["command"] = "sh -c 'yes 0123456789 | head -c 1000000'" });

        Assert.Equal(HostStatus.Succeeded, r.Status);
        Assert.EndsWith(OutputText.TruncationMark, r.Stdout);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(r.Stdout!) <= OutputText.DefaultCapBytes + OutputText.TruncationMark.Length * 3);
    }

    [Fact]
    public async Task Start_UnknownProgram_FailedSystemImmediately()
    {
        var r = await RunAsync(new JsonObject { ["command"] = "/nonexistent/program --x" });

        Assert.Equal(HostStatus.Failed, r.Status);
        Assert.Equal(ErrorCategory.System, r.Category);
        Assert.Contains("cannot start", r.Stderr);
    }

    [Fact]
    public async Task Poll_ReferenceFromEarlierProcess_FailedSystemOutcomeUnknown()
    {
        var r = (await _executor.PollAsync([new InFlightHost(9, "h9", "local:deadbeef0000:1", DateTime.UtcNow, TimeSpan.FromMinutes(1))],
            CancellationToken.None)).Single();

        Assert.Equal(HostStatus.Failed, r.Status);
        Assert.Equal(ErrorCategory.System, r.Category);
        Assert.StartsWith("outcome unknown", r.Stderr);
    }

    [Fact]
    public async Task Cancel_Running_ProcessKilledCanceled()
    {
        var work = new HostWork(1, 1, 1, 1, "h1", "127.0.0.1", new JsonObject { ["command"] = "sleep 30" }, TimeSpan.FromMinutes(1));
        var reference = (await _executor.StartAsync([work], CancellationToken.None)).Single().ExternalRef!;
        var inFlight = new InFlightHost(1, "h1", reference, DateTime.UtcNow, work.Timeout);

        await _executor.CancelAsync([inFlight], CancellationToken.None);
        HostResult r;
        do { r = (await _executor.PollAsync([inFlight], CancellationToken.None)).Single(); await Task.Delay(20); } while (!r.IsFinished);

        Assert.Equal(HostStatus.Canceled, r.Status);
    }

    [Theory]
    [InlineData("{}", "command is required")]
    [InlineData("{\"command\": \"\"}", "command is empty")]
    [InlineData("{\"command\": \"echo 'open\"}", "Unclosed")]
    [InlineData("{\"command\": 5}", "string or an array")]
    [InlineData("{\"command\": \"ls\", \"shell\": \"yes\"}", "shell must be true or false")]
    [InlineData("{\"command\": \"ls\", \"cmd\": 1}", "Unknown parameter 'cmd'")]
    public void ValidateParameters_Invalid_NamesTheProblem(string json, string expected) =>
        Assert.Contains(_executor.ValidateParameters(JsonNode.Parse(json)!.AsObject()), m => m.Contains(expected, StringComparison.Ordinal));

    [Theory]
    [InlineData("a b  c", new[] { "a", "b", "c" })]
    [InlineData("ping -c1 '10.0.0.1'", new[] { "ping", "-c1", "10.0.0.1" })]
    [InlineData("echo \"a b\" c\\ d", new[] { "echo", "a b", "c d" })]
    [InlineData("x ''", new[] { "x", "" })]
    public void CommandLine_Split_HonoursQuotes(string line, string[] expected) => Assert.Equal(expected, CommandLine.Split(line));
}
