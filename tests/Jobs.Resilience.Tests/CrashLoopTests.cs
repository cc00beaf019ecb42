using System.Diagnostics;
using System.Text.Json.Nodes;
using Jobs.Resilience.Tests.Harness;
using Jobs.Testing;

namespace Jobs.Resilience.Tests;

/// <summary>
/// Issue 13, "Crash loop": a real JOBS process running a <c>local</c> job (flock-append of the host name) and a
/// <c>simulated</c> job over 500 hosts each is SIGKILLed at a random moment and restarted on the same data, again and
/// again; in the end every job finishes, no host ran twice, every Succeeded host ran exactly once, and every host that
/// did not succeed is reported — none silently lost. The seed is printed; <c>JOBS_RESILIENCE_SEED</c> replays it.
/// </summary>
public sealed class CrashLoopTests(ITestOutputHelper output)
{
    private const int Iterations = 20;
    private const int Hosts = 500;

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task CrashLoop_RandomSigkills_NoHostLostOrRunTwice(TestProvider provider)
    {
        var seed = Seed.Pick(output, nameof(CrashLoop_RandomSigkills_NoHostLostOrRunTwice));
        var random = new Random(seed);
        var artifacts = Paths.Artifacts($"crash-loop-{provider}");
        var log = new HostLog(Path.Combine(artifacts, "hosts.txt"));
        await using var db = await TestDatabase.CreateAsync(provider, migrate: false);
        await using var node = new JobsNode("jobs", artifacts, NodeDatabase.From(db));
        var clock = Stopwatch.StartNew();

        await node.StartAsync();
        await node.Api.ImportServersAsync("crash-local", Hosts);
        await node.Api.ImportServersAsync("crash-sim", Hosts, ipBase: Hosts);
        var jobs = new List<(long Id, bool Local)>();
        var kills = 0;
        var killsMidRun = 0; // kills that cut local runs in flight (the process had flock children)
        for (var i = 0; i < Iterations; i++)
        {
            if (!node.IsRunning) await node.StartAsync();
            await Settle.ResumePausedAsync(node.Api, jobs.Select(j => j.Id));
            if (await AllTerminalAsync(node.Api, jobs)) jobs.AddRange(await CreatePairAsync(node.Api, log, jobs.Count / 2 + 1));
            await Task.Delay(random.Next(200, 3500));
            if (ChildProcesses.RunsOf(node.ProcessId).Count > 0) killsMidRun++;
            node.Kill();
            kills++;
        }

        await node.StartAsync();
        await Settle.AllTerminalAsync(node.Api, jobs.Select(j => j.Id), TimeSpan.FromMinutes(3));
        var checks = new List<JobCheck>();
        foreach (var (id, local) in jobs) checks.Add(await Invariants.CheckAsync(node.Api, id, local ? log : null));

        var summary = $"crash loop on {provider}: seed {seed}, {Iterations} iterations, {kills} SIGKILLs ({killsMidRun} with local runs in flight), {jobs.Count} jobs, " +
                      $"{checks.Sum(c => c.Hosts)} hosts checked ({checks.Sum(c => c.Succeeded)} succeeded once, " +
                      $"{checks.Sum(c => c.OutcomeUnknown)} outcome unknown, 0 run twice), {clock.Elapsed.TotalSeconds:F0} s";
        Report.Write(output, artifacts, summary, checks.Select(c => c.ToString()));
        Assert.True(checks.Sum(c => c.Succeeded) > 0, "nothing succeeded: the loop never let a job run");
    }

    private static async Task<bool> AllTerminalAsync(JobsApi api, List<(long Id, bool Local)> jobs)
    {
        foreach (var (id, _) in jobs)
            if (!JobsApi.Terminal.Contains(JobsApi.Status(await api.GetJobAsync(id)))) return false;
        return true;
    }

    private static async Task<(long, bool)[]> CreatePairAsync(JobsApi api, HostLog log, int n)
    {
        var local = await api.CreateJobAsync(JobsApi.Request($"crash local {n}", "crash-local", "local", log.Parameters(), parallelism: 20));
        var simulated = await api.CreateJobAsync(JobsApi.Request($"crash simulated {n}", "crash-sim", "simulated",
            new JsonObject { ["latencyMs"] = 300, ["jitterMs"] = 200, ["failureRate"] = 0, ["seed"] = n }, parallelism: 50));
        return [(local, true), (simulated, false)];
    }
}
