using System.Net;
using System.Net.Http.Headers;
using System.Globalization;
using System.Text.RegularExpressions;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;
using static Jobs.Web.Tests.Engine.EngineFixture;

namespace Jobs.Web.Tests.Operations;

/// <summary>Issue 13, metrics: Prometheus scrapes /metrics with a Viewer's API key as a bearer token and sees the
/// engine's counters move while a job runs.</summary>
public sealed partial class MetricsTests
{
    [Fact]
    public async Task Metrics_ScrapedWithABearerKeyDuringAJob_CountersMove_AnonymousIsRefused()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedServersAsync(database, 60);
        await using var app = new JobsWebFactory(database, FastTicks());
        var client = app.CreateClient();
        var prometheus = app.CreateAnonymousClient();
        prometheus.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestSecurity.AdminApiKey);

        var anonymous = await app.CreateAnonymousClient().GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var wrongKey = app.CreateAnonymousClient();
        wrongKey.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "jobs_not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongKey.GetAsync("/metrics")).StatusCode);

        var before = await ScrapeAsync(prometheus);
        var request = Request("measured", parameters: new() { ["latencyMs"] = 150, ["jitterMs"] = 0, ["failureRate"] = 0, ["seed"] = 1 },
            batches: "10%,30%,60%", parallelism: 10);
        var id = (await CreateAsync(client, request))["id"]!.GetValue<long>();

        // During the job: hosts dispatched, fewer finished than there are, the job counted as running.
        await WaitAsync(client, id, j => j["totals"]!["succeeded"]!.GetValue<int>() > 0 && Status(j) == "Running", what: "the job to be under way");
        var during = await ScrapeAsync(prometheus);
        Assert.True(Sum(during, "jobs_hosts_dispatched_total", "executor=\"simulated\"") > Sum(before, "jobs_hosts_dispatched_total", "executor=\"simulated\""),
            "jobs_hosts_dispatched_total did not move:\n" + during);
        Assert.True(Sum(during, "jobs_hosts_finished_total", "status=\"Succeeded\"") > Sum(before, "jobs_hosts_finished_total", "status=\"Succeeded\""));
        Assert.True(Sum(during, "jobs_scheduler_lag_seconds_count", "") >= 1, "no scheduler lag recorded:\n" + during);

        await WaitForStatusAsync(client, id, "Succeeded");
        var after = await ScrapeAsync(prometheus);
        Assert.True(Sum(after, "jobs_hosts_finished_total", "status=\"Succeeded\"") - Sum(before, "jobs_hosts_finished_total", "status=\"Succeeded\"") >= 60);
        Assert.True(Sum(after, "jobs_gate_results_total", "verdict=\"pass\"") - Sum(before, "jobs_gate_results_total", "verdict=\"pass\"") >= 3);
        Assert.Matches("jobs_jobs\\{[^}]*status=\"Running\"", after); // the gauge from the database (cached for 15 s)
        Assert.Contains("http_server_request_duration_seconds", after);
    }

    private static async Task<string> ScrapeAsync(HttpClient prometheus)
    {
        var response = await prometheus.GetAsync("/metrics");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return body;
    }

    /// <summary>The sum of a metric's samples whose labels contain <paramref name="label"/> (0 when there are none yet).</summary>
    private static double Sum(string scrape, string metric, string label) =>
        Sample().Matches(scrape).Where(m => m.Groups["name"].Value == metric && m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-z_]+)\{(?<labels>[^}]*)\} (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
