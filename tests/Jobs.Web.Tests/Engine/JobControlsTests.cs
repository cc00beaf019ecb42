using Jobs.Core.Engine;
using System.Net;
using System.Text.Json.Nodes;
using Jobs.Core.Domain;
using Jobs.Executors.Simulated;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jobs.Web.Tests.Engine.EngineFixture;

namespace Jobs.Web.Tests.Engine;

public sealed class JobControlsTests
{
    private static JsonObject Slow(int latencyMs = 150, double failureRate = 0, int seed = 1) =>
        new() { ["latencyMs"] = latencyMs, ["jitterMs"] = 0, ["failureRate"] = failureRate, ["seed"] = seed };

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, long id, string control) =>
        await client.PostAsync($"/api/v1/jobs/{id}/{control}", null);

    [Fact]
    public async Task HostControls_Api_SkipAPendingHostAndAnswerProblemsInTheOperatorsWords()
    {
        // Issue 10: a host-level control through the same pipeline and route shape as the job controls.
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedServersAsync(database, 20);
        await using var app = new JobsWebFactory(database, new Dictionary<string, string?> { ["Jobs:Scheduler:Enabled"] = "false" });
        var client = app.CreateClient();
        var request = Request("skip", parameters: Slow(), batches: "100%");
        request["startAt"] = DateTime.UtcNow.AddHours(1).ToString("O");
        var id = (await CreateAsync(client, request))["id"]!.GetValue<long>();

        var skipped = await client.PostAsync($"/api/v1/jobs/{id}/hosts/WEB-00003/skip", null);
        Assert.Equal(HttpStatusCode.OK, skipped.StatusCode);
        Assert.Equal(1, JsonNode.Parse(await skipped.Content.ReadAsStringAsync())!["totals"]!["skipped"]!.GetValue<int>());

        var again = await client.PostAsync($"/api/v1/jobs/{id}/hosts/web-00003/skip", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Cannot skip web-00003: it is skipped", await again.Content.ReadAsStringAsync());
        var unknown = await client.PostAsync($"/api/v1/jobs/{id}/hosts/nope/skip", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("has no host nope", await unknown.Content.ReadAsStringAsync());
        var retry = await client.PostAsync($"/api/v1/jobs/{id}/hosts/web-00004/retry", null);
        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        // Not a control: no route matches (the fail-closed fallback policy answers before routing would say 404).
        Assert.False((await client.PostAsync($"/api/v1/jobs/{id}/hosts/web-00004/explode", null)).IsSuccessStatusCode);
        await using var db = database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "host.skip" && a.Target == $"job/{id}/hosts/web-00003"));
    }

    [Fact]
    public async Task PauseResume_RunningJob_StopsStartingHostsThenFinishes()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedServersAsync(database, 200);
        await using var app = new JobsWebFactory(database, FastTicks());
        var client = app.CreateClient();
        var id = (await CreateAsync(client, Request("p", parameters: Slow(), batches: "10%", parallelism: 10)))["id"]!.GetValue<long>();
        await WaitAsync(client, id, j => j["totals"]!["succeeded"]!.GetValue<int>() >= 10, what: "10 hosts done");

        var paused = await PostAsync(client, id, "pause");
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        var job = await WaitAsync(client, id, j => j["totals"]!["running"]!.GetValue<int>() == 0 && Status(j) == "Paused", what: "in-flight hosts finished");
        Assert.Equal("Operator", job["stopKind"]!.GetValue<string>());
        var doneWhilePaused = job["totals"]!["succeeded"]!.GetValue<int>();
        // Steps of the paused job, driven by hand: each one is idle and starts nothing.
        Assert.All(await StepByHandAsync(app.Services, id), r => Assert.Equal(StepResult.Idle, r));
        await using (var db = database.CreateContext())
        {
            Assert.Equal(0, await db.HostTasks.CountAsync(h => h.JobId == id && h.Status == HostStatus.Running));
            Assert.Equal(doneWhilePaused, await db.HostTasks.CountAsync(h => h.JobId == id && h.Status == HostStatus.Succeeded));
        }

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, id, "resume")).StatusCode);
        var done = await WaitForStatusAsync(client, id, "Succeeded", "CompletedWithFailures");
        Assert.Equal("Succeeded", Status(done));
        Assert.Equal(200, done["totals"]!["succeeded"]!.GetValue<int>());
        await using var check = database.CreateContext();
        Assert.Equal(["job.create", "job.pause", "job.resume"],
            await check.AuditEntries.Where(a => a.Target == $"job/{id}").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task Controls_NotFitting_Answer409WithReason_UnknownJob404()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedServersAsync(database, 20);
        await using var app = new JobsWebFactory(database, FastTicks());
        var client = app.CreateClient();
        var id = (await CreateAsync(client, Request("c", parameters: Slow(100))))["id"]!.GetValue<long>();

        var resume = await PostAsync(client, id, "resume");
        Assert.Equal(HttpStatusCode.Conflict, resume.StatusCode);
        Assert.Contains("Cannot resume", JsonNode.Parse(await resume.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync(client, id, "approve")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(client, 9999, "pause")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/jobs/9999")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, id, "abort")).StatusCode);
        var again = await PostAsync(client, id, "abort");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already aborted", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Abort_MidBatch_CancelsInFlightSkipsRestAndIsTerminal()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedServersAsync(database, 300);
        await using var app = new JobsWebFactory(database, FastTicks());
        var client = app.CreateClient();
        // Hosts stay in flight for 5 s: with 400 ms, a wave could finish (and the next not yet be claimed) between the
        // wait and the abort on a loaded machine, and then nothing is in flight to cancel.
        var id = (await CreateAsync(client, Request("a", parameters: Slow(5000), batches: "50", parallelism: 20)))["id"]!.GetValue<long>();
        await WaitAsync(client, id, j => j["totals"]!["running"]!.GetValue<int>() > 0, what: "hosts in flight");

        var aborted = JsonNode.Parse(await (await PostAsync(client, id, "abort")).Content.ReadAsStringAsync())!.AsObject();

        Assert.Equal("Aborted", Status(aborted));
        var totals = aborted["totals"]!;
        Assert.Equal(0, totals["running"]!.GetValue<int>());
        Assert.Equal(0, totals["pending"]!.GetValue<int>());
        Assert.True(totals["canceled"]!.GetValue<int>() > 0);
        Assert.True(totals["skipped"]!.GetValue<int>() >= 250);
        Assert.Equal(300, totals["succeeded"]!.GetValue<int>() + totals["canceled"]!.GetValue<int>() + totals["skipped"]!.GetValue<int>()
            + totals["failed"]!.GetValue<int>());
        var batches = aborted["batches"]!.AsArray().Select(b => b!["status"]!.GetValue<string>()).ToList();
        Assert.Equal("Aborted", batches[0]);
        Assert.All(batches.Skip(1), s => Assert.Equal("Skipped", s));
        Assert.All(await StepByHandAsync(app.Services, id), r => Assert.Equal(StepResult.Idle, r));
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.HostTasks.CountAsync(h => h.JobId == id && (h.Status == HostStatus.Running || h.Status == HostStatus.Pending)));
    }

    [Fact]
    public async Task Controls_RacingWithCompletions_NoHostRunsTwiceAndCountsAddUp()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedServersAsync(database, 400);
        await using var app = new JobsWebFactory(database, FastTicks(20));
        var client = app.CreateClient();
        var id = (await CreateAsync(client, Request("race", parameters: Slow(15), batches: "25%", parallelism: 40)))["id"]!.GetValue<long>();

        // Hammer pause/resume while hosts complete; every answer is 200 or 409, never a 500.
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            var results = await Task.WhenAll(PostAsync(client, id, "pause"), PostAsync(client, id, "resume"), PostAsync(client, id, "resume"));
            codes.AddRange(results.Select(r => r.StatusCode));
            await Task.Delay(15);
        }
        Assert.All(codes, c => Assert.True(c is HttpStatusCode.OK or HttpStatusCode.Conflict, $"unexpected {c}"));
        var current = await GetAsync(client, id);
        if (Status(current) == "Paused") await PostAsync(client, id, "resume");
        var abort = await PostAsync(client, id, "abort");
        Assert.True(abort.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict);

        var done = await WaitForStatusAsync(client, id, "Aborted", "Succeeded");
        Assert.All(await StepByHandAsync(app.Services, id), r => Assert.Equal(StepResult.Idle, r));
        await using var db = database.CreateContext();
        var byStatus = await db.HostTasks.Where(h => h.JobId == id).GroupBy(h => h.Status).Select(g => new { g.Key, N = g.Count() }).ToListAsync();
        Assert.Equal(400, byStatus.Sum(s => s.N));
        Assert.DoesNotContain(byStatus, s => s.Key is HostStatus.Running or HostStatus.Pending);
        var sim = app.Services.GetRequiredService<SimulatedExecutor>();
        Assert.All(sim.Starts.Where(s => s.Key.JobId == id), s => Assert.Equal(1, s.Value));
        var started = byStatus.Where(s => s.Key is HostStatus.Succeeded or HostStatus.Canceled or HostStatus.Failed).Sum(s => s.N);
        Assert.Equal(started, sim.Starts.Count(s => s.Key.JobId == id));
        Assert.Equal(byStatus.Single(s => s.Key == HostStatus.Succeeded).N, done["totals"]!["succeeded"]!.GetValue<int>());
    }

    [Fact]
    public async Task RetryFailed_CompletedWithFailures_RunsFailedHostsAsNewAttemptKeepingOldOnes()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedServersAsync(database, 100);
        await using var app = new JobsWebFactory(database, FastTicks());
        var client = app.CreateClient();
        var request = Request("retry", parameters: Slow(10, failureRate: 0.3, seed: 5), batches: "50%", gates: new JsonObject());
        var id = (await CreateAsync(client, request))["id"]!.GetValue<long>();
        var first = await WaitForStatusAsync(client, id, "Succeeded", "CompletedWithFailures");
        Assert.Equal("CompletedWithFailures", Status(first));
        var failed = first["totals"]!["failed"]!.GetValue<int>();
        Assert.InRange(failed, 10, 50);

        var retry = await PostAsync(client, id, "retry-failed");
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var second = await WaitForStatusAsync(client, id, "Succeeded", "CompletedWithFailures");

        await using var db = database.CreateContext();
        Assert.Equal(failed, await db.HostAttempts.CountAsync(a => a.JobId == id && a.Attempt == 1 && a.Status == HostStatus.Failed));
        Assert.Equal(failed, await db.HostTasks.CountAsync(h => h.JobId == id && h.Attempt == 2));
        var stillFailed = second["totals"]!["failed"]!.GetValue<int>();
        Assert.True(stillFailed < failed, $"attempt 2 draws anew: {stillFailed} of {failed} failed again");
        Assert.Equal(100, second["totals"]!["succeeded"]!.GetValue<int>() + stillFailed);
        var sim = app.Services.GetRequiredService<SimulatedExecutor>();
        Assert.Equal(failed, sim.Starts.Count(s => s.Key.JobId == id && s.Key.Attempt == 2));
        Assert.All(sim.Starts.Where(s => s.Key.JobId == id), s => Assert.Equal(1, s.Value));
    }

    [Fact]
    public async Task Approve_ManualApprovalGate_WaitsAfterEachBatchButTheLast()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedServersAsync(database, 30);
        await using var app = new JobsWebFactory(database, FastTicks());
        var client = app.CreateClient();
        var gates = new JsonObject { ["maxFailurePercent"] = 10, ["manualApproval"] = true };
        var id = (await CreateAsync(client, Request("approve", parameters: Slow(10), batches: "10,20", gates: gates)))["id"]!.GetValue<long>();

        var waiting = await WaitForStatusAsync(client, id, "AwaitingApproval");
        Assert.Equal("Verifying", waiting["batches"]![0]!["status"]!.GetValue<string>());
        Assert.Equal("Pending", waiting["batches"]![1]!["status"]!.GetValue<string>());
        Assert.All(await StepByHandAsync(app.Services, id), r => Assert.Equal(StepResult.Idle, r));
        Assert.Equal("AwaitingApproval", Status(await GetAsync(client, id)));

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, id, "approve")).StatusCode);
        // Issue 9, item 1: batch 2 is the last one, so nothing waits for an approval after it.
        var done = await WaitForStatusAsync(client, id, "Succeeded");
        var batch1 = done["batches"]![0]!;
        Assert.Equal("Succeeded", batch1["status"]!.GetValue<string>());
        // Issue 8: the approval names who approved (here the test's admin API key).
        Assert.Equal("api-key:bootstrap", batch1["approvedBy"]!.GetValue<string>());
        Assert.Contains("approved by api-key:bootstrap", batch1["gate"]!["reason"]!.GetValue<string>());
        Assert.Contains("last batch: no approval needed", done["batches"]![1]!["gate"]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Preview_SameBody_ReturnsPlanAndWarningsWithoutWriting()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedServersAsync(database, 100);
        await SeedServersAsync(database, 5, prefix: "down", status: ServerStatus.Maintenance);
        await using var app = new JobsWebFactory(database, FastTicks());
        var client = app.CreateClient();
        var request = Request("preview", executor: "local", parameters: new JsonObject { ["command"] = "rm -rf /tmp/{{host.hostname}}" },
            batches: "20%", gates: new JsonObject());

        var response = await client.PostAsync("/api/v1/jobs/preview", System.Net.Http.Json.JsonContent.Create(request));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(100, preview["totalTargets"]!.GetValue<int>());
        Assert.Equal(5, preview["excludedCount"]!.GetValue<int>());
        Assert.Equal([20, 20, 20, 20, 20], preview["batches"]!.AsArray().Select(b => b!["size"]!.GetValue<int>()));
        Assert.Equal(5, preview["batches"]![0]!["firstHosts"]!.AsArray().Count);
        var warnings = string.Join("\n", preview["warnings"]!.AsArray().Select(w => w!.GetValue<string>()));
        Assert.Contains("No failure gate", warnings);
        Assert.Contains("first batch takes 20 of 100", warnings);
        Assert.Contains("Two-person rule", warnings); // issue 8: a dangerous command holds the job for a second Admin
        Assert.Contains("rm -rf", preview["dangerousCommand"]!.GetValue<string>());
        Assert.Contains("5 matching servers", warnings);
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.Jobs.CountAsync());
        Assert.Equal(0, await db.HostTasks.CountAsync());
    }

    [Fact]
    public async Task Create_ExcludesOfflineAndMaintenance_FreezesTargets()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedServersAsync(database, 30);
        await SeedServersAsync(database, 3, prefix: "off", status: ServerStatus.Offline);
        await using var app = new JobsWebFactory(database, new Dictionary<string, string?> { ["Jobs:Scheduler:TickMilliseconds"] = "100" });
        var client = app.CreateClient();
        var request = Request("frozen", parameters: Slow(10));
        request["startAt"] = DateTime.UtcNow.AddHours(1).ToString("O");
        var created = await CreateAsync(client, request);
        var id = created["id"]!.GetValue<long>();
        Assert.Equal("Scheduled", Status(created));
        Assert.Equal(3, created["excludedHosts"]!.GetValue<int>());

        await using var db = database.CreateContext();
        Assert.Equal(3, await db.JobExclusions.CountAsync(e => e.JobId == id && e.Reason == "offline"));
        await db.Servers.Where(s => s.Hostname == "web-00000").ExecuteUpdateAsync(s => s.SetProperty(x => x.Ip, "192.0.2.99"));
        Assert.Equal("10.0.0.0", await db.HostTasks.Where(h => h.JobId == id && h.Hostname == "web-00000").Select(h => h.Ip).SingleAsync());
        Assert.Equal(30, await db.HostTasks.CountAsync(h => h.JobId == id));
        await StepByHandAsync(app.Services, id);
        Assert.Equal("Scheduled", Status(await GetAsync(client, id))); // startAt is an hour away
    }
}
