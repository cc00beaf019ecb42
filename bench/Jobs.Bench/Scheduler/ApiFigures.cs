using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Jobs.Bench.Scheduler;

/// <summary>
/// Figure 3: the job page and <c>GET /api/v1/jobs/{id}</c> under 16 concurrent clients while a 100,000-host job runs,
/// and the Excel export of a finished 100,000-host job (time and the node's peak resident set during it).
/// </summary>
public static class ApiFigures
{
    public const int Clients = 16;
    public const double TargetP95Ms = 50;
    public const double TargetExportSeconds = 5;
    public const long TargetExportBytes = 300L * 1024 * 1024;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Starts a 100,000-host job slow enough to still be running after the window whatever the engine's speed
    /// (2 s per host, every host in flight it allows), reads while it runs, then aborts it.
    /// </summary>
    public static async Task ReadsUnderLoadAsync(JobsNode node, BenchReport report)
    {
        var (id, parallelism, _) = await node.Api.CreateJobAsync(
            BenchInventory.Simulated("bench 100000 under reads", 100_000, ThroughputFigures.Parallelism, latencyMs: 2000, jitterMs: 500));
        await node.Api.WaitAsync(id, j => JobsApi.Total(j, "running") > 0, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50));

        var samples = new ConcurrentDictionary<string, ConcurrentBag<double>>();
        var errors = 0;
        var routes = new[] { $"jobs/{id}", $"api/v1/jobs/{id}" };
        var cpu = new CpuMeter(node.Pid);
        var until = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async client =>
        {
            using var http = JobsApi.CreateClient(node.BaseAddress);
            for (var i = client; until.Elapsed < Window; i++)
            {
                var route = routes[i % routes.Length];
                var sw = Stopwatch.StartNew();
                using var response = await http.GetAsync(route);
                await response.Content.CopyToAsync(Stream.Null);
                sw.Stop();
                if (!response.IsSuccessStatusCode) Interlocked.Increment(ref errors);
                samples.GetOrAdd(route, _ => []).Add(sw.Elapsed.TotalMilliseconds);
            }
        }));
        var load = cpu.Describe("the JOBS process");
        var job = await node.Api.GetJobAsync(id);
        var stillRunning = JobsApi.Status(job) == "Running";
        var during = string.Create(CultureInfo.InvariantCulture,
            $"{Clients} clients for {Window.TotalSeconds:0} s while job {id} ran (parallelism {parallelism:N0}, {JobsApi.Total(job, "ran"):N0} hosts done by the end{(stillRunning ? "" : ", **it stopped running during the window**")}); {load}");
        foreach (var (route, label) in routes.Zip(new[] { "job page GET /jobs/{id}", "GET /api/v1/jobs/{id}" }))
        {
            var sorted = samples.GetValueOrDefault(route)?.Order().ToArray() ?? [];
            var p95 = sorted.Length > 0 ? sorted[(int)Math.Ceiling(sorted.Length * 0.95) - 1] : double.NaN;
            var p50 = sorted.Length > 0 ? sorted[sorted.Length / 2] : double.NaN;
            report.Add(new Figure("3. API", $"{label}, p95 under {Clients} clients",
                string.Create(CultureInfo.InvariantCulture, $"{p95:0} ms (p50 {p50:0} ms, {sorted.Length:N0} requests)"),
                $"< {TargetP95Ms:0} ms", p95 < TargetP95Ms && errors == 0 && stillRunning,
                during + (errors > 0 ? $"; {errors} requests failed" : "")));
        }
        await node.Api.ControlAsync(id, "abort");
        await node.Api.WaitAsync(id, j => JobsApi.Total(j, "running") == 0, TimeSpan.FromSeconds(60));
    }

    /// <summary>Downloads the job's workbook; memory is the node's peak resident set during the download (VmHWM, reset before).</summary>
    public static async Task ExportAsync(JobsNode node, long jobId, BenchReport report)
    {
        var before = ProcFs.StatusKb(node.Pid, "VmRSS") * 1024;
        var reset = node.ResetPeakMemory();
        var cpu = new CpuMeter(node.Pid);
        var sw = Stopwatch.StartNew();
        using var response = await node.Api.Http.GetAsync($"api/v1/jobs/{jobId}/export.xlsx", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        long size = 0;
        await using (var body = await response.Content.ReadAsStreamAsync())
        {
            var buffer = new byte[81920];
            for (int n; (n = await body.ReadAsync(buffer)) > 0;) size += n;
        }
        sw.Stop();
        var peak = node.PeakMemoryBytes();
        var hosts = JobsApi.Total(await node.Api.GetJobAsync(jobId), "hosts");
        report.Add(new Figure("3. API", $"export {hosts:N0} hosts to Excel (GET …/export.xlsx), time",
            string.Create(CultureInfo.InvariantCulture, $"{sw.Elapsed.TotalSeconds:0.00} s ({size / 1024.0 / 1024.0:0.0} MB file)"),
            $"< {TargetExportSeconds:0} s", sw.Elapsed.TotalSeconds < TargetExportSeconds, cpu.Describe("the JOBS process")));
        report.Add(new Figure("3. API", $"export {hosts:N0} hosts, peak working set of the JOBS process",
            reset ? $"{peak / 1048576.0:0} MB" : "n/a (VmHWM could not be reset)",
            "< 300 MB", reset ? peak < TargetExportBytes : null,
            string.Create(CultureInfo.InvariantCulture, $"the whole server process's peak resident set during the download (VmHWM reset just before); it held {before / 1048576.0:0} MB before the export started")));
    }
}
