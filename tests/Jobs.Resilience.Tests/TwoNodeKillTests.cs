using System.Diagnostics;
using Jobs.Resilience.Tests.Harness;
using Jobs.Testing;

namespace Jobs.Resilience.Tests;

/// <summary>
/// Issue 12, "Tests": two JOBS processes on one PostgreSQL run several <c>local</c> jobs (flock-append of the host
/// name); the node that has runs in flight is SIGKILLed mid-batch. Every job ends terminal on the survivor, every
/// Succeeded host ran exactly once, no host ran twice, and the hosts in flight on the dead node are reported outcome
/// unknown (System) — never run again. Only the API and the files are looked at, whatever the scheduler.
/// </summary>
public sealed class TwoNodeKillTests(ITestOutputHelper output)
{
    private const int Jobs = 4;
    private const int HostsPerJob = 120;

    [Fact]
    public async Task TwoNodes_OneSigkilledMidBatch_SurvivorFinishesEveryJob_NoHostRunTwice()
    {
        var artifacts = Paths.Artifacts("two-nodes");
        var log = new HostLog(Path.Combine(artifacts, "hosts.txt"));
        await using var db = await TestDatabase.CreateAsync(TestProvider.Postgres, migrate: false);
        await using var a = new JobsNode("node-a", artifacts, NodeDatabase.From(db));
        await using var b = new JobsNode("node-b", artifacts, NodeDatabase.From(db));
        await a.StartAsync();
        await b.StartAsync();

        var ids = new List<long>();
        for (var j = 0; j < Jobs; j++)
        {
            await a.Api.ImportServersAsync($"pair{j}", HostsPerJob, ipBase: j * HostsPerJob);
            ids.Add(await (j % 2 == 0 ? a : b).Api.CreateJobAsync(
                JobsApi.Request($"two nodes {j}", $"pair{j}", "local", log.Parameters(0.3), batches: "10%,30%", parallelism: 8)));
        }

        // Whichever node has runs in flight is the victim: it dies mid-batch.
        var (victim, survivor) = await VictimAsync(a, b, TimeSpan.FromMinutes(2));
        var before = await DoneAsync(survivor.Api, ids);
        var running = ChildProcesses.RunsOf(victim.ProcessId);
        victim.Kill();
        var killed = Stopwatch.StartNew();
        // Runs still alive after the kill were in flight when the node died: their outcome was lost with it.
        var inFlight = running.Where(r => r.IsAlive).ToList();
        Assert.NotEmpty(inFlight);
        var doneAtKill = before.Values.Sum();
        while ((await DoneAsync(survivor.Api, ids)).Values.Sum() <= doneAtKill)
        {
            Assert.True(killed.Elapsed < TimeSpan.FromMinutes(2), "no progress on the survivor within 2 min of the kill");
            await Task.Delay(100);
        }
        var progress = killed.Elapsed;
        // Taken over: every run that was in flight on the dead node has its verdict from the survivor.
        while (!await ReconciledAsync(survivor.Api, inFlight))
        {
            Assert.True(killed.Elapsed < TimeSpan.FromMinutes(2), "the dead node's runs were not reconciled within 2 min");
            await Task.Delay(200);
        }
        var takeover = killed.Elapsed;

        await Settle.AllTerminalAsync(survivor.Api, ids, TimeSpan.FromMinutes(3));
        var checks = new List<JobCheck>();
        foreach (var id in ids) checks.Add(await Invariants.CheckAsync(survivor.Api, id, log));
        // The survivor never loses a host of its own: only what the dead node ran may be unknown.
        var lostBySurvivor = new List<string>();
        foreach (var id in ids)
        {
            var failed = (await survivor.Api.HostsAsync(id)).Where(h => h.Status == "Failed").Select(h => h.Hostname).ToHashSet();
            lostBySurvivor.AddRange(log.Lines(id).Where(l => l.Node == survivor.Name && failed.Contains(l.Host)).Select(l => $"{id}/{l.Host}"));
        }
        Report.Write(output, artifacts,
            $"two nodes on PostgreSQL: {victim.Name} SIGKILLed with {inFlight.Count} runs in flight; {survivor.Name} progressed {progress.TotalSeconds:F1} s " +
            $"after the kill and had reconciled the dead node's runs (outcome unknown) {takeover.TotalSeconds:F1} s after it; " +
            $"{checks.Sum(c => c.Hosts)} hosts checked, {checks.Sum(c => c.Succeeded)} succeeded once, " +
            $"{checks.Sum(c => c.OutcomeUnknown)} outcome unknown ({lostBySurvivor.Count} of them run by the survivor), 0 run twice",
            checks.Select(c => c.ToString()));

        foreach (var (_, jobId, host) in inFlight)
        {
            var h = (await survivor.Api.HostsAsync(jobId)).Single(x => x.Hostname == host);
            Assert.True(h is { Status: "Failed", Category: "System" } && h.Stderr.Contains("outcome unknown", StringComparison.Ordinal),
                $"{host} of job {jobId} was in flight on the killed node but is {h.Status}/{h.Category}: {h.Stderr}");
        }
        Assert.True(lostBySurvivor.Count == 0,
            $"{lostBySurvivor.Count} hosts run by the surviving {survivor.Name} are reported outcome unknown although it never died " +
            $"(e.g. {string.Join(", ", lostBySurvivor.Take(5))}): a job's steps moved to a node that did not start them");
    }

    private static async Task<(JobsNode Victim, JobsNode Survivor)> VictimAsync(
        JobsNode a, JobsNode b, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            foreach (var (victim, survivor) in new[] { (a, b), (b, a) })
            {
                if (ChildProcesses.RunsOf(victim.ProcessId).Count >= 2) return (victim, survivor);
            }
            await Task.Delay(50);
        }
        Assert.Fail($"neither node ran a host within {timeout}");
        throw new UnreachableException();
    }

    private static async Task<bool> ReconciledAsync(JobsApi api, List<Run> runs)
    {
        foreach (var group in runs.GroupBy(r => r.JobId))
        {
            var hosts = (await api.HostsAsync(group.Key)).ToDictionary(h => h.Hostname);
            if (group.Any(r => hosts[r.Host].Status is "Running" or "Pending")) return false;
        }
        return true;
    }

    private static async Task<Dictionary<long, int>> DoneAsync(JobsApi api, IEnumerable<long> ids)
    {
        var done = new Dictionary<long, int>();
        foreach (var id in ids) done[id] = JobsApi.Done(await api.GetJobAsync(id));
        return done;
    }
}
