using System.Diagnostics;
using System.Net;
using Jobs.Resilience.Tests.Harness;
using Jobs.Testing;
using Microsoft.Data.Sqlite;

namespace Jobs.Resilience.Tests;

/// <summary>
/// Issue 13, "Database faults": another program holds SQLite's write lock (<c>BEGIN IMMEDIATE</c>) for a few seconds
/// while a job runs and the API is called, writes included. JOBS waits for the lock: no host fails for it, no request
/// answers 500, nothing is logged as an error, and the job finishes with every host run exactly once.
/// </summary>
public sealed class SqliteLockTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task ExternalWriteLockHeld_JobAndApiWait_NoFailedHostNo500()
    {
        var artifacts = Paths.Artifacts("sqlite-locked");
        var log = new HostLog(Path.Combine(artifacts, "hosts.txt"));
        await using var db = await TestDatabase.CreateAsync(TestProvider.Sqlite, migrate: false);
        await using var node = new JobsNode("jobs", artifacts, NodeDatabase.From(db));
        await node.StartAsync();
        await node.Api.ImportServersAsync("locked", 150);
        var id = await node.Api.CreateJobAsync(JobsApi.Request("locked", "locked", "local", log.Parameters(0.1), parallelism: 10));
        await node.Api.WaitAsync(id, j => JobsApi.Done(j) >= 15, TimeSpan.FromMinutes(2), "15 hosts done before the lock");

        var linesBefore = node.LogLines().Length;
        var answers = new List<(string What, HttpStatusCode Status, double Ms)>();
        await using (var external = new SqliteConnection(db.ConnectionString))
        {
            await external.OpenAsync();
            await using (var begin = new SqliteCommand("BEGIN IMMEDIATE", external)) await begin.ExecuteNonQueryAsync();
            var held = Stopwatch.StartNew();
            // Reads go on (WAL); writes wait for the lock — the import and the engine's own claims and results.
            var import = TimeAsync("POST servers/import", () => node.Api.Http.PostAsync("/api/v1/servers/import",
                new StringContent("hostname,ip,idc,env,app,role,os,status,owner,tags\nextra-1,10.9.9.1,dc1,test,extra,web,linux,online,ops,\n",
                    System.Text.Encoding.UTF8, "text/csv")));
            while (held.Elapsed < Hold)
            {
                answers.Add(await TimeAsync("GET job", () => node.Api.Http.GetAsync($"/api/v1/jobs/{id}")));
                await Task.Delay(500);
            }
            await using (var rollback = new SqliteCommand("ROLLBACK", external)) await rollback.ExecuteNonQueryAsync();
            answers.Add(await import);
        }
        await Settle.AllTerminalAsync(node.Api, [id], TimeSpan.FromMinutes(3));
        var check = await Invariants.CheckAsync(node.Api, id, log);
        var errors = node.LogLines().Skip(linesBefore).Where(l => l.Contains("[ERR]", StringComparison.Ordinal)).ToList();

        Report.Write(output, artifacts,
            $"SQLite write lock held {Hold.TotalSeconds:F0} s by another connection: {answers.Count} requests, " +
            $"{answers.Count(a => (int)a.Status >= 500)} answered 5xx; {check}",
            answers.Select(a => $"{a.What} {(int)a.Status} in {a.Ms:F0} ms"));
        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.OK, $"{a.What} answered {(int)a.Status}"));
        Assert.Equal(check.Hosts, check.Succeeded);
        Assert.True(errors.Count == 0, "errors logged while the lock was held:\n" + string.Join('\n', errors.Take(10)));
    }

    private static async Task<(string, HttpStatusCode, double)> TimeAsync(string what, Func<Task<HttpResponseMessage>> call)
    {
        var clock = Stopwatch.StartNew();
        using var response = await call();
        return (what, response.StatusCode, clock.Elapsed.TotalMilliseconds);
    }
}
