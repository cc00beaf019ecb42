using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Jobs.Resilience.Tests.Harness;
using Jobs.Testing;

namespace Jobs.Resilience.Tests;

/// <summary>
/// Issue 13, "Load": 20 concurrent jobs of 5,000 hosts each (<c>simulated</c>, 50 ms) while 16 clients poll the
/// dashboards and the API. Every job finishes, its counters add up to 5,000, and no request answers 5xx. The pages'
/// and the API's p95 are printed, not asserted (speed targets live in bench/).
/// </summary>
public sealed class LoadTests(ITestOutputHelper output)
{
    private const int Jobs = 20;
    private const int HostsPerJob = 5000;
    private const int Clients = 16;

    [Fact]
    public async Task TwentyJobsOf5000Hosts_SixteenPollingClients_AllFinishTotalsAddUpNo5xx()
    {
        var artifacts = Paths.Artifacts("load");
        await using var db = await TestDatabase.CreateAsync(TestProvider.Sqlite, migrate: false);
        await using var node = new JobsNode("jobs", artifacts, NodeDatabase.From(db), new Dictionary<string, string?>
        {
            // The request log at Warning: 16 clients' lines would be most of the run's writes.
            ["Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware"] = "Warning",
        });
        await node.StartAsync();
        for (var j = 0; j < Jobs; j++) await node.Api.ImportServersAsync($"load{j:D2}", HostsPerJob, ipBase: j * HostsPerJob);
        var clock = Stopwatch.StartNew();
        var ids = new List<long>();
        for (var j = 0; j < Jobs; j++)
        {
            ids.Add(await node.Api.CreateJobAsync(JobsApi.Request($"load {j}", $"load{j:D2}", "simulated",
                new JsonObject { ["latencyMs"] = 50, ["jitterMs"] = 0, ["failureRate"] = 0, ["seed"] = j },
                batches: "20%,40%", parallelism: 1000)));
        }
        var created = clock.Elapsed;

        var samples = new ConcurrentBag<(string Kind, int Status, double Ms)>();
        using var stop = new CancellationTokenSource();
        var clients = new List<Task>();
        for (var c = 0; c < Clients; c++)
        {
            var page = c % 2 == 0;
            var http = page ? await UiClient.SignInAsync(node.BaseAddress) : node.Api.Http;
            clients.Add(PollAsync(http, page, ids, c, samples, stop.Token));
        }
        await Settle.AllTerminalAsync(node.Api, ids, TimeSpan.FromMinutes(6));
        var ran = clock.Elapsed;
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        var totals = new List<string>();
        foreach (var id in ids)
        {
            var job = await node.Api.GetJobAsync(id);
            var sum = new[] { "pending", "running", "succeeded", "failed", "timedOut", "canceled", "skipped" }.Sum(k => JobsApi.Total(job, k));
            Assert.Equal(HostsPerJob, JobsApi.Total(job, "hosts"));
            Assert.Equal(HostsPerJob, sum);
            Assert.Equal("Succeeded", JobsApi.Status(job));
            Assert.Equal(HostsPerJob, JobsApi.Total(job, "succeeded"));
            totals.Add($"job {id}: {JobsApi.Status(job)}, {JobsApi.Total(job, "succeeded")}/{sum}");
        }
        var errors = samples.Where(s => s.Status >= 500).ToList();
        Report.Write(output, artifacts,
            $"load: {Jobs} jobs × {HostsPerJob} hosts (simulated 50 ms) created within {created.TotalSeconds:F0} s, all Succeeded " +
            $"{ran.TotalSeconds:F0} s after the first was created ({Jobs * HostsPerJob / ran.TotalSeconds:F0} hosts/s) under {Clients} " +
            $"polling clients: {samples.Count} requests, {errors.Count} answered 5xx; " +
            $"p95 page {P95(samples, "page")} ms, live {P95(samples, "live")} ms, API {P95(samples, "api")} ms",
            totals);
        Assert.Empty(errors);
    }

    private static async Task PollAsync(HttpClient http, bool page, List<long> ids, int client,
        ConcurrentBag<(string, int, double)> samples, CancellationToken ct)
    {
        var random = new Random(client);
        while (!ct.IsCancellationRequested)
        {
            var id = ids[random.Next(ids.Count)];
            var (kind, path) = page
                ? random.Next(3) switch { 0 => ("page", $"/jobs/{id}"), 1 => ("page", "/jobs"), _ => ("live", $"/jobs/{id}/live") }
                : random.Next(2) == 0 ? ("api", $"/api/v1/jobs/{id}") : ("api", "/api/v1/jobs?status=Running");
            var clock = Stopwatch.StartNew();
            try
            {
                using var response = await http.GetAsync(path, ct);
                await response.Content.ReadAsByteArrayAsync(ct);
                samples.Add((kind, (int)response.StatusCode, clock.Elapsed.TotalMilliseconds));
                await Task.Delay(250, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private static string P95(IEnumerable<(string Kind, int Status, double Ms)> samples, string kind)
    {
        var ms = samples.Where(s => s.Kind == kind).Select(s => s.Ms).Order().ToList();
        return ms.Count == 0 ? "-" : ms[(int)Math.Ceiling(ms.Count * 0.95) - 1].ToString("F0", System.Globalization.CultureInfo.InvariantCulture);
    }
}
