using System.Net;
using System.Text.Json.Nodes;
using Jobs.Core.Domain;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Web.Tests.JobPages;

/// <summary>
/// Read pages over seeded jobs (the scheduler is off, so the seeded states stay put): list, home, dashboard, host
/// view, live JSON, export, audit.
/// </summary>
public sealed class JobPagesTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private JobsWebFactory _app = null!;
    private HttpClient _client = null!;
    private long _running, _paused, _done, _aborted;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await using (var ctx = _db.CreateContext())
        {
            _aborted = await SeedAbortedAsync(ctx);
            _done = await JobSeeder.SeedAsync(ctx, [2, 10, 30], JobStatus.CompletedWithFailures, finishAll: true, name: "rotate certs");
            _paused = await JobSeeder.SeedAsync(ctx, [1, 5], JobStatus.Paused, name: "restart pay-api");
            _running = await JobSeeder.SeedAsync(ctx, [20, 100, 200], JobStatus.Running, name: "patch openssl");
            ctx.AuditEntries.Add(new AuditEntry(JobSeeder.T0, "alice", "job.pause", $"job/{_paused}", "paused by alice", "127.0.0.1"));
            ctx.AuditEntries.Add(new AuditEntry(JobSeeder.T0, "bob", "servers.import", "servers", "12 rows", null));
            await ctx.SaveChangesAsync();
        }
        _app = new JobsWebFactory(_db, new Dictionary<string, string?> { ["Jobs:Scheduler:Enabled"] = "false" });
        _client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    /// <summary>A job aborted during batch 1 of 3: its 40 hosts not started are skipped, as an abort leaves them.</summary>
    private static async Task<long> SeedAbortedAsync(Jobs.Core.Persistence.JobsDbContext ctx)
    {
        var id = await JobSeeder.SeedAsync(ctx, [2, 10, 30], JobStatus.Aborted, name: "drain lb");
        await ctx.HostTasks.Where(h => h.JobId == id && h.Status == HostStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Status, HostStatus.Skipped));
        var job = await ctx.Jobs.Include(j => j.Batches).SingleAsync(j => j.Id == id);
        foreach (var b in job.Batches) b.AbortOrSkip(JobSeeder.T0.AddHours(1));
        await ctx.SaveChangesAsync();
        ctx.ChangeTracker.Clear();
        await JobSeeder.RefreshCountersAsync(ctx, id);
        return id;
    }

    [Fact]
    public async Task AbortedJob_EveryView_SaysWhereItStoppedAndCountsOnlyHostsThatRan()
    {
        // Issue 9, item 3: 40 of 42 hosts skipped must not read as "42 of 42 done, 100%".
        const string stopped = "aborted at batch 1 of 3; 40 skipped";
        var list = await _client.GetPageAsync("/jobs");
        var row = list.QuerySelector($"tr[data-job-id='{_aborted}']")!;
        Assert.Equal($"4.8% · {stopped}", row.QuerySelector("[data-testid=progress]")!.TextContent.Trim());
        Assert.Contains("1 / 3", row.TextContent);

        var page = await _client.GetPageAsync($"/jobs/{_aborted}");
        Assert.Equal("2", page.QuerySelector("[data-live=ran]")!.TextContent);
        Assert.Equal($" · {stopped}", page.QuerySelector("[data-testid=stopped-at]")!.TextContent);
        Assert.Equal("4.8%", page.QuerySelector("[data-live=progress-text]")!.TextContent);

        var live = JsonNode.Parse(await _client.GetStringAsync($"/jobs/{_aborted}/live"))!;
        Assert.Equal((2, 4.8, stopped), (live["ran"]!.GetValue<int>(), live["progressPercent"]!.GetValue<double>(), live["stoppedAt"]!.GetValue<string>()));

        var api = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/jobs/{_aborted}"))!["totals"]!;
        Assert.Equal((2, 4.8, stopped), (api["ran"]!.GetValue<int>(), api["progressPercent"]!.GetValue<double>(), api["stoppedAt"]!.GetValue<string>()));

        await using var xlsx = new MemoryStream(await _client.GetByteArrayAsync($"/jobs/{_aborted}/export"));
        using var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(xlsx, false);
        var summary = JobExportTests.Rows(doc.WorkbookPart!, "Summary")
            .ToDictionary(r => JobExportTests.Text(doc.WorkbookPart!, r[0]), r => r.Count > 1 ? JobExportTests.Text(doc.WorkbookPart!, r[1]) : "");
        Assert.Equal((stopped, "2"), (summary["Stopped at"], summary["Hosts that ran"]));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task Home_WithJobs_ShowsActiveAndRecent()
    {
        var page = await _client.GetPageAsync("/");
        var tables = page.QuerySelectorAll("table.job-table");
        Assert.Equal(2, tables.Length);
        Assert.Contains("patch openssl", tables[0].TextContent);
        Assert.Contains("restart pay-api", tables[0].TextContent);
        Assert.Contains("rotate certs", tables[1].TextContent);
        Assert.Equal("2", page.QuerySelector("[data-testid=active-count]")!.TextContent.Trim());
    }

    [Fact]
    public async Task JobList_NoFilter_NewestFirstWithBatchCounts()
    {
        var page = await _client.GetPageAsync("/jobs");
        var rows = page.QuerySelectorAll("table.job-table tbody tr");
        Assert.Equal([_running, _paused, _done, _aborted], rows.Select(r => long.Parse(r.GetAttribute("data-job-id")!)));
        // Failed count from the batch counters: 1 of 20 in batch 1 of the running job.
        Assert.Contains("1 / 3", rows[0].TextContent);
        Assert.Equal(["Running", "Paused", "Completed with failures", "Aborted"], rows.Select(r => r.QuerySelector("[data-testid=status]")!.TextContent));
    }

    [Theory]
    [InlineData("?status=Paused", "restart pay-api")]
    [InlineData("?name=OPENSSL", "patch openssl")]
    [InlineData("?executor=simulated&status=CompletedWithFailures", "rotate certs")]
    public async Task JobList_Filter_ShowsOnlyMatching(string query, string expected)
    {
        var page = await _client.GetPageAsync("/jobs" + query);
        var rows = page.QuerySelectorAll("table.job-table tbody tr");
        Assert.Single(rows);
        Assert.Contains(expected, rows[0].TextContent);
    }

    [Fact]
    public async Task JobList_UnknownStatus_IsIgnoredNot500()
    {
        var response = await _client.GetAsync("/jobs?status=Exploded&page=-4");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_RunningJob_ShowsHeaderBatchesAndFirstHostPage()
    {
        var page = await _client.GetPageAsync($"/jobs/{_running}");
        Assert.Equal("Running", page.QuerySelector("[data-testid=job-status]")!.TextContent);
        Assert.Equal(3, page.QuerySelectorAll("[data-testid=batch-table] tbody tr").Length);
        Assert.Equal(25, page.QuerySelectorAll("[data-testid=host-table] tbody tr").Length);
        Assert.Equal("1–25 of 320", page.QuerySelector("[data-testid=host-range]")!.TextContent.Trim());
        Assert.Equal("20", page.QuerySelector("[data-live=ran]")!.TextContent);
        // Running: pause and abort offered; resume, retry, approve hidden.
        var shown = page.QuerySelectorAll("[data-control]").Where(e => !e.HasAttribute("hidden")).Select(e => e.GetAttribute("data-control"));
        Assert.Equal(["pause", "abort"], shown);
        Assert.NotNull(page.QuerySelector("form[data-control=pause] input[name=__RequestVerificationToken]"));
    }

    [Fact]
    public async Task Dashboard_PausedWithFailures_OffersResumeRetryAbort()
    {
        var page = await _client.GetPageAsync($"/jobs/{_done}");
        var shown = page.QuerySelectorAll("[data-control]").Where(e => !e.HasAttribute("hidden")).Select(e => e.GetAttribute("data-control"));
        Assert.Equal(["retry-failed"], shown);
        page = await _client.GetPageAsync($"/jobs/{_paused}");
        shown = page.QuerySelectorAll("[data-control]").Where(e => !e.HasAttribute("hidden")).Select(e => e.GetAttribute("data-control"));
        Assert.Equal(["resume", "abort"], shown);
        Assert.Contains("paused by tester", page.QuerySelector("[data-live=stop-reason]")!.TextContent);
    }

    [Fact]
    public async Task Dashboard_HostFilterAndSearch_PagesOnServer()
    {
        var failed = await _client.GetPageAsync($"/jobs/{_done}?state=Failed");
        var rows = failed.QuerySelectorAll("[data-testid=host-table] tbody tr");
        Assert.Equal(4, rows.Length); // position 9 of batch 2; 9, 19 and 29 of batch 3
        Assert.All(rows, r => Assert.Contains("Failed", r.TextContent));

        var search = await _client.GetPageAsync($"/jobs/{_running}?q=web-0031");
        Assert.Equal(10, search.QuerySelectorAll("[data-testid=host-table] tbody tr").Length);

        var last = await _client.GetPageAsync($"/jobs/{_running}?page=13");
        Assert.Equal("301–320 of 320", last.QuerySelector("[data-testid=host-range]")!.TextContent.Trim());
        var beyond = await _client.GetPageAsync($"/jobs/{_running}?page=999");
        Assert.Equal("301–320 of 320", beyond.QuerySelector("[data-testid=host-range]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Dashboard_UnknownJob_Is404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/jobs/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/jobs/999999/live")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/jobs/{_running}/hosts/nope.example")).StatusCode);
    }

    [Fact]
    public async Task Live_RunningJob_ReturnsCountsBatchesAndAllowedControls()
    {
        var json = JsonNode.Parse(await _client.GetStringAsync($"/jobs/{_running}/live"))!;
        Assert.Equal("Running", json["status"]!.GetValue<string>());
        Assert.Equal(320, json["total"]!.GetValue<int>());
        Assert.Equal(18, json["succeeded"]!.GetValue<int>());
        Assert.Equal(2, json["failed"]!.GetValue<int>());
        Assert.Equal(3, json["batches"]!.AsArray().Count);
        Assert.Equal(["pause", "abort"], json["allowed"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.False(json["terminal"]!.GetValue<bool>());
    }

    [Fact]
    public async Task HostView_FailedHost_ShowsExitCodeCategoryAndStderr()
    {
        var page = await _client.GetPageAsync($"/jobs/{_running}/hosts/web-00009.sh2.example");
        Assert.Equal("Failed", page.QuerySelector("[data-testid=host-status]")!.TextContent);
        Assert.Equal("2", page.QuerySelector("[data-testid=exit-code]")!.TextContent);
        Assert.Contains("Environment error", page.Body!.TextContent);
        Assert.Contains("connection refused", page.QuerySelector("[data-testid=stderr]")!.TextContent);
    }

    [Fact]
    public async Task Export_BothRoutes_ReturnAnXlsxAttachment()
    {
        foreach (var url in new[] { $"/jobs/{_done}/export", $"/api/v1/jobs/{_done}/export.xlsx" })
        {
            var response = await _client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal($"job-{_done}-rotate-certs.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal((byte)'P', bytes[0]); // a zip package
            Assert.Equal((byte)'K', bytes[1]);
        }
    }

    [Fact]
    public async Task Export_UnknownJob_Api404IsProblemDetails()
    {
        var response = await _client.GetAsync("/api/v1/jobs/424242/export.xlsx");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Audit_FilterByActorAndAction_ShowsMatchingEntries()
    {
        var all = await _client.GetPageAsync("/audit");
        // The two seeded entries, plus the first admin and the bootstrap API key created at start-up (issue 8).
        var actions = all.QuerySelectorAll("table.audit-table tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(4, actions.Count);
        Assert.Single(actions, a => a.Contains("user.bootstrap"));
        Assert.Single(actions, a => a.Contains("apikey.create"));
        var alice = await _client.GetPageAsync("/audit?actor=ALI&action=job.pause");
        var rows = alice.QuerySelectorAll("table.audit-table tbody tr");
        Assert.Single(rows);
        Assert.Equal($"/jobs/{_paused}", rows[0].QuerySelector("a")!.GetAttribute("href"));
        var target = await _client.GetPageAsync("/audit?target=servers");
        Assert.Contains("bob", target.QuerySelector("table.audit-table tbody")!.TextContent);
    }

    [Fact]
    public async Task Control_WithoutAntiforgeryToken_IsRejected()
    {
        var response = await _client.PostAsync($"/jobs/{_running}/pause", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await _client.GetPageAsync($"/jobs/{_running}");
        Assert.Equal("Running", page.QuerySelector("[data-testid=job-status]")!.TextContent);
    }

    [Fact]
    public async Task ConfirmAbort_WithoutJavaScript_ShowsAConfirmationForm()
    {
        var page = await _client.GetPageAsync($"/jobs/{_paused}/abort");
        var form = page.Form($"form[action='/jobs/{_paused}/abort']");
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        var terminal = await _client.GetAsync($"/jobs/{_done}/abort");
        Assert.Equal(HttpStatusCode.Redirect, terminal.StatusCode);
    }
}
