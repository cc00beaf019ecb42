using System.Diagnostics;
using System.Net;
using Jobs.Resilience.Tests.Harness;

namespace Jobs.Resilience.Tests;

/// <summary>
/// Issue 13, "Database faults": PostgreSQL stopped for 20 s (<c>pg_ctl stop -m fast</c>) under a running job, then
/// started again. The job carries on and finishes with no host run twice; while the database is away the pages answer
/// a 503 page and the API a 503 problem, both with Retry-After — never a 500, never a .NET type name; the outage is
/// logged once, not as a stack trace per tick or per request.
/// </summary>
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task PostgresStopped20s_JobFinishes_PagesAndApiAnswer503_OutageLoggedOnce()
    {
        var artifacts = Paths.Artifacts("postgres-outage");
        var log = new HostLog(Path.Combine(artifacts, "hosts.txt"));
        await using var pg = await PostgresCluster.StartAsync();
        var data = Directory.CreateDirectory(Path.Combine(artifacts, "data")).FullName;
        await using var node = new JobsNode("jobs", artifacts, new NodeDatabase("Postgres", pg.ConnectionString("jobs"), data));
        await node.StartAsync();
        await node.Api.ImportServersAsync("outage", 200);
        using var ui = await UiClient.SignInAsync(node.BaseAddress);
        var id = await node.Api.CreateJobAsync(JobsApi.Request("outage", "outage", "local", log.Parameters(0.2), parallelism: 5));
        await node.Api.WaitAsync(id, j => JobsApi.Done(j) >= 20, TimeSpan.FromMinutes(2), "20 hosts done before the outage");

        var linesBefore = node.LogLines().Length;
        await pg.StopServerAsync();
        var answers = new List<(string Kind, HttpStatusCode Status, string? RetryAfter, string Body)>();
        var down = Stopwatch.StartNew();
        while (down.Elapsed < Outage)
        {
            answers.Add(await AskAsync(ui, "page", $"/jobs/{id}"));
            answers.Add(await AskAsync(node.Api.Http, "api", $"/api/v1/jobs/{id}"));
            await Task.Delay(1000);
        }
        await pg.StartServerAsync();
        var back = Stopwatch.StartNew();
        var doneAtRestart = JobsApi.Done(await node.Api.GetJobAsync(id));
        await node.Api.WaitAsync(id, j => JobsApi.Done(j) > doneAtRestart || JobsApi.Terminal.Contains(JobsApi.Status(j)),
            TimeSpan.FromMinutes(2), "progress after the database came back");
        var resumedAfter = back.Elapsed;
        await Settle.AllTerminalAsync(node.Api, [id], TimeSpan.FromMinutes(3));
        var check = await Invariants.CheckAsync(node.Api, id, log);
        var outageLog = node.LogLines().Skip(linesBefore).ToList();

        var schedulerLines = outageLog.Count(l => (l.Contains(" ERR] ", StringComparison.Ordinal) || l.Contains(" WRN] ", StringComparison.Ordinal)) && FromSchedulerLibrary(l));
        var fiveHundreds = answers.Count(a => (int)a.Status >= 500 && a.Status != HttpStatusCode.ServiceUnavailable);
        Report.Write(output, artifacts,
            $"PostgreSQL outage: {Outage.TotalSeconds:F0} s, {answers.Count} requests during it " +
            $"({answers.Count(a => a.Status == HttpStatusCode.ServiceUnavailable)} × 503, {fiveHundreds} other 5xx), " +
            $"job progressing {resumedAfter.TotalSeconds:F1} s after the restart; {check}; " +
            $"the scheduler library's own store logged {schedulerLines} warnings/errors",
            answers.Select(a => $"{a.Kind} {(int)a.Status} Retry-After={a.RetryAfter}"));

        Assert.Equal(0, fiveHundreds);
        foreach (var kind in new[] { "page", "api" })
            Assert.Contains(answers, a => a.Kind == kind && a.Status == HttpStatusCode.ServiceUnavailable);
        foreach (var a in answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable))
        {
            Assert.Equal("10", a.RetryAfter);
            Assert.DoesNotContain("Exception", a.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("Npgsql", a.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", a.Body, StringComparison.Ordinal);
            Assert.Contains(a.Kind == "page" ? "JOBS cannot reach its database" : "\"title\":\"Database unavailable\"", a.Body, StringComparison.Ordinal);
        }
        // One clear line for the outage; nothing of ours logs an error or a stack trace per tick or per request.
        Assert.Single(outageLog, l => l.Contains("Database unavailable (", StringComparison.Ordinal));
        var errors = outageLog.Where(l => l.Contains(" ERR] ", StringComparison.Ordinal) && !FromSchedulerLibrary(l)).ToList();
        Assert.True(errors.Count == 0, "errors logged during the outage:\n" + string.Join('\n', errors.Take(10)));
        Assert.Contains(outageLog, l => l.Contains("Database available again after", StringComparison.Ordinal));
    }

    /// <summary>The scheduler library's own store (Quartz today) logs its retries itself; reported, not ours to word.</summary>
    private static bool FromSchedulerLibrary(string line) =>
        line.Contains("] Quartz.", StringComparison.Ordinal) || line.Contains("] Hangfire.", StringComparison.Ordinal);

    private static async Task<(string, HttpStatusCode, string?, string)> AskAsync(HttpClient http, string kind, string path)
    {
        using var response = await http.GetAsync(path);
        return (kind, response.StatusCode, response.Headers.RetryAfter?.ToString(), await response.Content.ReadAsStringAsync());
    }
}
