using System.Text.Json.Nodes;
using Jobs.Core.Domain;
using Jobs.Core.Execution;
using Jobs.Executors.Simulated;
using Jobs.Testing;

namespace Jobs.Executors.Tests.Simulated;

public sealed class SimulatedExecutorTests
{
    private static readonly JsonObject Params = new() { ["latencyMs"] = 200, ["jitterMs"] = 100, ["failureRate"] = 0.3, ["seed"] = 4 };

    private static IReadOnlyList<HostWork> Work(int attempt = 1) => Enumerable.Range(0, 200)
        .Select(i => new HostWork(i, 1, 1, attempt, $"h{i}", "10.0.0.1", Params, TimeSpan.FromMinutes(1))).ToList();

    [Fact]
    public async Task Results_SameSeedHostAttempt_SameOutcomeInAnotherProcess()
    {
        var clock = new ManualClock();
        var a = await new SimulatedExecutor(clock).StartAsync(Work(), CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));
        // A new instance (a restarted JOBS) polls the references the first one handed out.
        var results = await new SimulatedExecutor(clock).PollAsync(
            a.Select(o => new InFlightHost(o.HostTaskId, $"h{o.HostTaskId}", o.ExternalRef!, DateTime.UtcNow, TimeSpan.FromMinutes(1))).ToList(),
            CancellationToken.None);
        var b = await new SimulatedExecutor(clock).StartAsync(Work(), CancellationToken.None);

        Assert.All(results, r => Assert.True(r.IsFinished));
        var failed = results.Count(r => r.Status == HostStatus.Failed);
        Assert.InRange(failed, 30, 90);
        Assert.All(results.Where(r => r.Status == HostStatus.Failed), r => Assert.Equal(ErrorCategory.Environment, r.Category));
        Assert.All(results, r => Assert.Contains("[simulated]", r.Stdout + r.Stderr));
        Assert.Equal(a.Select(o => string.Join(':', o.ExternalRef!.Split(':')[3..])), b.Select(o => string.Join(':', o.ExternalRef!.Split(':')[3..])));
    }

    [Fact]
    public async Task Poll_BeforeLatency_StillRunning_Afterwards_Finished()
    {
        var clock = new ManualClock();
        var sim = new SimulatedExecutor(clock, new SimulatedStartCounter());
        var work = new HostWork(1, 1, 1, 1, "h", "ip", new JsonObject { ["latencyMs"] = 500, ["jitterMs"] = 0 }, TimeSpan.FromMinutes(1));
        var reference = (await sim.StartAsync([work], CancellationToken.None)).Single().ExternalRef!;
        var host = new InFlightHost(1, "h", reference, DateTime.UtcNow, TimeSpan.FromMinutes(1));

        clock.Advance(TimeSpan.FromMilliseconds(499));
        Assert.False((await sim.PollAsync([host], CancellationToken.None)).Single().IsFinished);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var done = (await sim.PollAsync([host], CancellationToken.None)).Single();
        Assert.Equal(HostStatus.Succeeded, done.Status);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, done.FinishedAt);
        Assert.Equal(1, sim.TotalStarts);
        Assert.True(sim.Descriptor.IsSimulation);
    }

    [Fact]
    public async Task NextDueAt_ReferencesOfSeveralHosts_TheEarliestFinish()
    {
        // Issue 12: the engine's loop waits exactly until the first simulated host is due.
        var clock = new ManualClock();
        var sim = new SimulatedExecutor(clock);
        HostWork Work(int id, int latencyMs) => new(id, 1, 1, 1, $"h{id}", "ip", new JsonObject { ["latencyMs"] = latencyMs, ["jitterMs"] = 0 }, TimeSpan.FromMinutes(1));
        var outcomes = await sim.StartAsync([Work(1, 700), Work(2, 300), Work(3, 900)], CancellationToken.None);
        var hosts = outcomes.Select(o => new InFlightHost(o.HostTaskId, $"h{o.HostTaskId}", o.ExternalRef!, DateTime.UtcNow, TimeSpan.FromMinutes(1))).ToList();

        Assert.Equal(clock.GetUtcNow().AddMilliseconds(300), sim.NextDueAt(hosts));
        Assert.Null(sim.NextChange);
        clock.Advance(TimeSpan.FromMilliseconds(300));
        Assert.True((await sim.PollAsync([hosts[1]], CancellationToken.None)).Single().IsFinished);
    }

    [Theory]
    [InlineData("{\"failureRate\": 2}", "failureRate")]
    [InlineData("{\"latencyMs\": -1}", "latencyMs")]
    [InlineData("{\"seed\": 1.5}", "seed")]
    [InlineData("{\"command\": \"x\"}", "Unknown parameter 'command'")]
    public void ValidateParameters_Invalid_NamesTheParameter(string json, string expected) =>
        Assert.Contains(new SimulatedExecutor(TimeProvider.System).ValidateParameters(JsonNode.Parse(json)!.AsObject()),
            m => m.Contains(expected, StringComparison.Ordinal));
}
