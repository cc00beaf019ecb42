using System.Diagnostics;
using System.Globalization;

namespace Jobs.Bench.Scheduler;

/// <summary>
/// Figure 4: two JOBS processes on one PostgreSQL; a job of the <c>local</c> executor (<c>sh -c "sleep 1; :" host</c> per
/// host, so its commands are children of the node that runs them, named by host) is progressing; the node with the
/// job's commands is SIGKILLed. Figures, read from the surviving node: the time until the job's succeeded count grows
/// again, and the time until the hosts that were in flight on the dead node are settled (never run again).
/// </summary>
public static class FailoverFigures
{
    public const double TargetSeconds = 30;
    private const int Hosts = 1_000;
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(120);

    public static async Task RunAsync(BenchPostgres postgres, string dataRoot, BenchReport report)
    {
        var cs = await postgres.NewDatabaseAsync();
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Jobs"] = cs,
            ["Jobs:Executors:local:Enabled"] = "true",
        };
        await using var a = await JobsNode.StartAsync("node-a", Path.Combine(dataRoot, "failover-a"), settings);
        await using var b = await JobsNode.StartAsync("node-b", Path.Combine(dataRoot, "failover-b"), settings);
        await a.Api.ImportServersAsync(BenchInventory.Csv(Hosts));
        var request = BenchInventory.Local("bench failover", Hosts, 20, "/bin/sh", "-c", "sleep 1; :", "{{host.hostname}}");
        // The hosts in flight on the dead node end Failed (outcome unknown); with the default 10 % gate that alone
        // would pause the job, and "progressing again" would measure an operator, not the failover.
        request["gates"] = new System.Text.Json.Nodes.JsonObject { ["maxFailurePercent"] = 100 };
        var (id, _, _) = await a.Api.CreateJobAsync(request);
        var (progressing, ok) = await a.Api.WaitAsync(id, j => JobsApi.Total(j, "succeeded") >= 40, TimeSpan.FromSeconds(90));
        if (!ok) throw new InvalidOperationException($"failover job {id} did not progress: {JobsApi.Status(progressing)}");

        var runner = await RunnerAsync(a, b);
        var survivor = runner == a ? b : a;
        var inFlight = HostsRunningOn(runner);
        var sw = Stopwatch.StartNew();
        runner.Kill();
        var killedAt = sw.Elapsed;
        // Read once the dead node can no longer write: any later growth is the survivor's work.
        var before = JobsApi.Total(await survivor.Api.GetJobAsync(id), "succeeded");
        var (job, resumed) = await survivor.Api.WaitAsync(id, j => JobsApi.Total(j, "succeeded") > before, Cap, TimeSpan.FromMilliseconds(100));
        var seconds = (sw.Elapsed - killedAt).TotalSeconds;
        var note = string.Create(CultureInfo.InvariantCulture,
            $"killed {runner.Name} (SIGKILL) with {before:N0} of {Hosts:N0} hosts succeeded; {survivor.Name} read {JobsApi.Total(job, "succeeded"):N0} succeeded, " +
            $"{JobsApi.Total(job, "failed"):N0} failed (in flight on the dead node), status {JobsApi.Status(job)}");
        report.Add(new Figure("4. Failover", "SIGKILL of the running node → the job progressing on the other",
            resumed ? string.Create(CultureInfo.InvariantCulture, $"{seconds:0.0} s") : $"no progress within {Cap.TotalSeconds:0} s",
            $"≤ {TargetSeconds:0} s", resumed && seconds <= TargetSeconds, note));
        await SettledAsync(survivor, id, inFlight, sw, killedAt, report);
        await survivor.Api.ControlAsync(id, "abort");
    }

    /// <summary>Waits until none of the hosts in flight on the dead node is Running, and says how they ended.</summary>
    private static async Task SettledAsync(JobsNode survivor, long id, IReadOnlyCollection<string> inFlight, Stopwatch sw, TimeSpan killedAt, BenchReport report)
    {
        if (inFlight.Count == 0) return;
        // Settled = every one of them has a final status (read positively, status by status).
        var settled = false;
        int failed = 0, succeeded = 0;
        while (!settled && sw.Elapsed - killedAt < Cap)
        {
            var ended = new Dictionary<string, int>();
            foreach (var status in (string[])["Succeeded", "Failed", "TimedOut", "Canceled", "Skipped"])
                ended[status] = (await HostnamesAsync(survivor, id, status)).Count(inFlight.Contains);
            (failed, succeeded) = (ended["Failed"], ended["Succeeded"]);
            settled = ended.Values.Sum() == inFlight.Count;
            if (!settled) await Task.Delay(200);
        }
        var seconds = (sw.Elapsed - killedAt).TotalSeconds;
        report.Add(new Figure("4. Failover", "SIGKILL → the dead node's in-flight hosts settled",
            settled ? string.Create(CultureInfo.InvariantCulture, $"{seconds:0.0} s") : $"still running after {Cap.TotalSeconds:0} s",
            $"≤ {TargetSeconds:0} s", settled && seconds <= TargetSeconds,
            $"{inFlight.Count} hosts in flight on the dead node: {failed} failed (outcome unknown), {succeeded} succeeded"));
    }

    private static async Task<HashSet<string>> HostnamesAsync(JobsNode node, long id, string status)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var skip = 0; ; skip += 500)
        {
            var page = System.Text.Json.Nodes.JsonNode.Parse(await node.Api.Http.GetStringAsync($"api/v1/jobs/{id}/hosts?status={status}&skip={skip}&take=500"))!;
            var items = page["items"]!.AsArray();
            foreach (var h in items) names.Add(h!["hostname"]!.GetValue<string>());
            if (items.Count < 500) return names;
        }
    }

    /// <summary>
    /// Hosts whose commands are children of the node (the host name is the shell's $0, its last argument; the trailing
    /// <c>:</c> keeps dash from replacing itself with <c>sleep</c>, which would lose the name).
    /// </summary>
    private static List<string> HostsRunningOn(JobsNode node) =>
        ProcFs.ChildrenOf(node.Pid)
            .Select(pid => { try { return File.ReadAllText($"/proc/{pid}/cmdline").TrimEnd('\0').Split('\0')[^1]; } catch (IOException) { return ""; } })
            .Where(h => h.StartsWith("bench-", StringComparison.Ordinal))
            .ToList();

    /// <summary>The node whose children run the job's commands (sampled for up to 5 s; the busier one wins).</summary>
    private static async Task<JobsNode> RunnerAsync(JobsNode a, JobsNode b)
    {
        int countA = 0, countB = 0;
        for (var i = 0; i < 50 && countA + countB < 10; i++)
        {
            countA += a.ChildProcessCount();
            countB += b.ChildProcessCount();
            await Task.Delay(100);
        }
        return countA >= countB ? a : b;
    }
}
