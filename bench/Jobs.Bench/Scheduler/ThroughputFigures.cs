using System.Globalization;
using System.Text.Json.Nodes;

namespace Jobs.Bench.Scheduler;

/// <summary>
/// Figure 1 (and the creation half of figure 3): jobs of the <c>simulated</c> executor at zero latency over 10,000
/// and 100,000 hosts, created through the API of a real node; hosts/s from the job's own <c>startedAt</c> and
/// <c>finishedAt</c>. A run still going at its cap is reported from the hosts that ran by then, and aborted.
/// </summary>
public static class ThroughputFigures
{
    public const int TargetHostsPerSecond = 50_000;
    public const double TargetCreateSeconds = 3;

    /// <summary>Hosts in flight asked for; a node with a lower cap answers with it and the job runs at the cap.</summary>
    public const int Parallelism = 10_000;

    public static TimeSpan CapFor(int hosts) => TimeSpan.FromSeconds(hosts >= 100_000 ? 150 : 60);

    /// <summary>Runs both sizes on <paramref name="node"/>; returns the id of the 100,000-host job.</summary>
    public static async Task<long> RunAsync(JobsNode node, string database, BenchReport report)
    {
        long last = 0;
        foreach (var hosts in new[] { 10_000, 100_000 })
        {
            var request = BenchInventory.Simulated($"bench {hosts} simulated", hosts, Parallelism);
            var cpu = new CpuMeter(node.Pid);
            var (id, parallelism, created) = await node.Api.CreateJobAsync(request);
            var creating = cpu.Describe("the JOBS process");
            if (hosts == 100_000)
            {
                report.Add(new Figure("3. API", $"create a {hosts:N0}-host job, {database} (POST /api/v1/jobs)",
                    $"{created.TotalSeconds:0.00} s", $"< {TargetCreateSeconds:0} s", created.TotalSeconds < TargetCreateSeconds,
                    "from the request to the answer; " + creating));
            }
            var (job, done) = await node.Api.WaitAsync(id, JobsApi.IsTerminal, CapFor(hosts));
            report.Add(Throughput(job, hosts, parallelism, database, done, cpu.Describe("the JOBS process")));
            if (!done) await node.Api.ControlAsync(id, "abort");
            last = id;
        }
        return last;
    }

    private static Figure Throughput(JsonNode job, int hosts, int parallelism, string database, bool done, string cpu)
    {
        var started = JobsApi.Time(job, "startedAt");
        var finished = JobsApi.Time(job, "finishedAt") ?? DateTime.UtcNow;
        var seconds = started is { } s ? (finished - s).TotalSeconds : double.NaN;
        var ran = done ? hosts : JobsApi.Total(job, "ran");
        var rate = ran / seconds;
        var target = hosts == 100_000 && database == "SQLite";
        var note = string.Create(CultureInfo.InvariantCulture, $"parallelism {parallelism:N0}, {JobsApi.Total(job, "succeeded"):N0} succeeded, status {JobsApi.Status(job)}; {cpu}");
        if (!done) note += string.Create(CultureInfo.InvariantCulture, $"; stopped at the {CapFor(hosts).TotalSeconds:0} s cap with {ran:N0} of {hosts:N0} hosts run");
        return new Figure("1. Throughput", $"{hosts:N0} hosts, simulated 0 ms, 1%,5%,10%, {database}",
            string.Create(CultureInfo.InvariantCulture, $"{rate:N0} hosts/s ({seconds:0.0} s)"),
            target ? $"≥ {TargetHostsPerSecond:N0} hosts/s" : "", target ? rate >= TargetHostsPerSecond : null, note);
    }
}
