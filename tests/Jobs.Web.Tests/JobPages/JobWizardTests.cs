using System.Net;
using AngleSharp.Html.Dom;
using Jobs.Core.Domain;
using Jobs.Testing;
using Jobs.Web.Tests.Engine;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Web.Tests.JobPages;

/// <summary>The create-job wizard through real HTTP posts: per-step validation, Back, anti-forgery, create + PRG.</summary>
public sealed class JobWizardTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private JobsWebFactory _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await EngineFixture.SeedServersAsync(_db, 120);
        await EngineFixture.SeedServersAsync(_db, 4, prefix: "down", status: ServerStatus.Offline);
        _app = new JobsWebFactory(_db, EngineFixture.FastTicks());
        _client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _db.DisposeAsync();
    }

    private static IHtmlFormElement Wizard(IHtmlDocument page) => page.Form("form#wizard");

    private static string Step(IHtmlDocument page) => Wizard(page).GetAttribute("data-step")!;

    private async Task<IHtmlDocument> PostAsync(IHtmlDocument page, string nav, Dictionary<string, string>? values = null)
    {
        var fields = new Dictionary<string, string>(values ?? []) { ["nav"] = nav };
        var response = await _client.SubmitAsync(Wizard(page), fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HtmlForms.ParseAsync(response);
    }

    private static string? Value(IHtmlDocument page, string name) =>
        page.QuerySelector($"form#wizard [name='{name}']") switch
        {
            IHtmlTextAreaElement t => t.Value,
            IHtmlInputElement i => i.Value,
            _ => null,
        };

    [Fact]
    public async Task Targets_MissingNameAndBadFilter_ShowsErrorsAndKeepsInput()
    {
        var page = await _client.GetPageAsync("/jobs/new");
        Assert.Equal("Targets", Step(page));

        page = await PostAsync(page, "next", new() { ["Name"] = "", ["Filter"] = "env = prod and (" });

        Assert.Equal("Targets", Step(page));
        Assert.Contains("Give the job a name.", page.QuerySelector("[data-error-for=Name]")!.TextContent);
        Assert.Contains("at ", page.QuerySelector("[data-error-for=Filter]")!.TextContent);
        Assert.Equal("env = prod and (", Value(page, "Filter"));
    }

    [Fact]
    public async Task Targets_FilterMatchingOnlyOfflineServers_IsRejected()
    {
        var page = await _client.GetPageAsync("/jobs/new");
        page = await PostAsync(page, "next", new() { ["Name"] = "x", ["Filter"] = "hostname ~ ^down-" });
        Assert.Equal("Targets", Step(page));
        Assert.Contains("offline or in maintenance", page.QuerySelector("[data-error-for=Filter]")!.TextContent);
    }

    [Fact]
    public async Task TargetsEndpoint_Filter_CountsTargetsAndExcluded()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(await _client.GetStringAsync("/jobs/new/targets?filter=" + Uri.EscapeDataString("idc=sh1 or hostname~^down")))!;
        Assert.Equal(40, json["targets"]!.GetValue<int>());
        Assert.Equal(4, json["excluded"]!.GetValue<int>());
        Assert.Equal(10, json["sample"]!.AsArray().Count);
        Assert.Equal("sh1", json["byIdc"]![0]!["value"]!.GetValue<string>());
        var bad = System.Text.Json.Nodes.JsonNode.Parse(await _client.GetStringAsync("/jobs/new/targets?filter=env%3D"))!;
        Assert.False(string.IsNullOrEmpty(bad["error"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Wizard_WalkWithErrorAndBack_CreatesJobAndRedirectsToDashboard()
    {
        var page = await _client.GetPageAsync("/jobs/new");
        page = await PostAsync(page, "next", new() { ["Name"] = "wizard job", ["Filter"] = "env=prod and app=order-api" });
        Assert.Equal("Action", Step(page));

        // Action: an unknown placeholder is refused by the engine's rules, on this step.
        page = await PostAsync(page, "next", new() { ["Executor"] = "simulated", ["Parameters"] = """{"latencyMs": 5, "note": "{{host.nope}}"}""" });
        Assert.Equal("Action", Step(page));
        Assert.Contains("host.nope", page.QuerySelector("[data-error-for=Parameters]")!.TextContent);
        page = await PostAsync(page, "next", new() { ["Parameters"] = """{"latencyMs": 5, "jitterMs": 0, "failureRate": 0, "seed": 3}""" });
        Assert.Equal("Strategy", Step(page));

        // Strategy: a bad custom plan, then Back keeps what was typed on the earlier steps.
        page = await PostAsync(page, "next", new() { ["BatchPreset"] = "custom", ["CustomBatches"] = "0%" });
        Assert.Equal("Strategy", Step(page));
        Assert.NotNull(page.QuerySelector("[data-error-for=CustomBatches]"));
        Assert.Equal("0%", Value(page, "CustomBatches"));
        page = await PostAsync(page, "back");
        Assert.Equal("Action", Step(page));
        Assert.Contains("\"seed\": 3", Value(page, "Parameters"));
        page = await PostAsync(page, "next");
        Assert.Equal("Strategy", Step(page));
        Assert.Equal("0%", Value(page, "CustomBatches"));

        page = await PostAsync(page, "next", new() { ["CustomBatches"] = "2,50%", ["Parallelism"] = "10" });
        Assert.Equal("Schedule", Step(page));
        page = await PostAsync(page, "next", new() { ["StartMode"] = "now" });
        Assert.Equal("Review", Step(page));
        var plan = page.QuerySelectorAll("[data-testid=plan] tbody tr");
        Assert.Equal(["2", "15", "13"], plan.Select(r => r.Children[1].TextContent)); // 30 order-api hosts: 2, 50% = 15, rest 13
        Assert.Contains("30 hosts", page.QuerySelector("[data-testid=review-targets]")!.TextContent);
        Assert.Contains("Simulation", page.QuerySelector("[data-testid=warnings]")!.TextContent);

        var response = await _client.SubmitAsync(Wizard(page), new Dictionary<string, string> { ["nav"] = "create" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Matches(@"^/jobs/\d+$", location);
        var dashboard = await _client.GetPageAsync(location);
        Assert.Contains("created", dashboard.QuerySelector(".alert-success")!.TextContent);
        Assert.Contains("wizard job", dashboard.QuerySelector("h1")!.TextContent);

        await using var db = _db.CreateContext();
        var job = await db.Jobs.AsNoTracking().Include(j => j.Batches).SingleAsync();
        Assert.Equal(30, job.TotalHosts);
        Assert.Equal([2, 15, 13], job.Batches.OrderBy(b => b.Index).Select(b => b.Size));
        Assert.Equal(10, job.Parallelism);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "job.create" && a.Target == $"job/{job.Id}"));
    }

    [Fact]
    public async Task Schedule_StartAtWithBrowserOffset_IsStoredAsUtc()
    {
        var local = DateTime.UtcNow.AddHours(5);
        var page = await _client.GetPageAsync("/jobs/new");
        page = await PostAsync(page, "next", new() { ["Name"] = "later", ["Filter"] = "env=prod" });
        page = await PostAsync(page, "next", new() { ["Executor"] = "simulated", ["Parameters"] = """{"latencyMs": 5}""" });
        page = await PostAsync(page, "next");
        // The operator is at UTC+02:00 and types a wall-clock time two hours ahead of the UTC target.
        page = await PostAsync(page, "next", new()
        {
            ["StartMode"] = "at",
            ["StartAtLocal"] = local.AddHours(2).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["TzOffsetMinutes"] = "120",
        });
        Assert.Equal("Review", Step(page));
        var response = await _client.SubmitAsync(Wizard(page), new Dictionary<string, string> { ["nav"] = "create" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        await using var db = _db.CreateContext();
        var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.Name == "later");
        Assert.Equal(JobStatus.Scheduled, job.Status);
        Assert.Equal(new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Utc), job.StartAt);
    }

    [Fact]
    public async Task Schedule_TimeInThePast_IsAnErrorOnTheScheduleStep()
    {
        var page = await _client.GetPageAsync("/jobs/new");
        page = await PostAsync(page, "next", new() { ["Name"] = "past", ["Filter"] = "env=prod" });
        page = await PostAsync(page, "next", new() { ["Executor"] = "simulated", ["Parameters"] = "{}" });
        page = await PostAsync(page, "next");
        page = await PostAsync(page, "next", new() { ["StartMode"] = "at", ["StartAtLocal"] = "2020-01-01T10:00", ["TzOffsetMinutes"] = "0" });
        Assert.Equal("Schedule", Step(page));
        Assert.Contains("past", page.QuerySelector("[data-error-for=StartAtLocal]")!.TextContent);
    }

    [Fact]
    public async Task Wizard_PostWithoutAntiforgeryToken_IsRejected()
    {
        var response = await _client.PostAsync("/jobs/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["step"] = "5", ["nav"] = "create", ["Name"] = "sneaky", ["Filter"] = "env=prod", ["Executor"] = "simulated",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = _db.CreateContext();
        Assert.False(await db.Jobs.AnyAsync());
    }

    [Fact]
    public async Task Create_TamperedHiddenField_GoesBackToTheStepWithTheError()
    {
        var page = await _client.GetPageAsync("/jobs/new");
        page = await PostAsync(page, "next", new() { ["Name"] = "tamper", ["Filter"] = "env=prod" });
        page = await PostAsync(page, "next", new() { ["Executor"] = "simulated", ["Parameters"] = "{}" });
        page = await PostAsync(page, "next");
        page = await PostAsync(page, "next");
        Assert.Equal("Review", Step(page));
        page = await PostAsync(page, "create", new() { ["Parallelism"] = "0" });
        Assert.Equal("Strategy", Step(page));
        Assert.NotNull(page.QuerySelector("[data-error-for=Parallelism]"));
    }

    [Fact]
    public async Task Controls_PauseResumeAbort_RedirectWithMessagesAndConflictIsShown()
    {
        var created = await EngineFixture.CreateAsync(_client, EngineFixture.Request("slow", parameters: new() { ["latencyMs"] = 60_000 }));
        var id = created["id"]!.GetValue<long>();
        await EngineFixture.WaitForStatusAsync(_client, id, "Running");

        async Task<(HttpStatusCode, IHtmlDocument)> Control(string control)
        {
            var page = await _client.GetPageAsync($"/jobs/{id}");
            var form = page.Form($"form[action='/jobs/{id}/{control}']");
            var response = await _client.SubmitAsync(form);
            Assert.Equal($"/jobs/{id}", response.Headers.Location?.ToString());
            return (response.StatusCode, await _client.GetPageAsync($"/jobs/{id}"));
        }

        var (status, after) = await Control("pause");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal("Paused", after.QuerySelector("[data-testid=job-status]")!.TextContent);
        Assert.Contains("paused", after.QuerySelector(".alert-success")!.TextContent);

        // A stale page: resume is posted twice; the second finds the job running and says why.
        var stale = await _client.GetPageAsync($"/jobs/{id}");
        (_, after) = await Control("resume");
        Assert.NotEqual("Paused", after.QuerySelector("[data-testid=job-status]")!.TextContent);
        var again = await _client.SubmitAsync(stale.Form($"form[action='/jobs/{id}/resume']"));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var message = await _client.GetPageAsync($"/jobs/{id}");
        Assert.Contains("Cannot resume", message.QuerySelector(".alert-danger")!.TextContent);

        (_, after) = await Control("abort");
        Assert.Equal("Aborted", after.QuerySelector("[data-testid=job-status]")!.TextContent);
        Assert.All(after.QuerySelectorAll("[data-control]"), e => Assert.True(e.HasAttribute("hidden")));
    }

    [Fact]
    public async Task Controls_ApproveAndRetryFailed_OfferedOnlyWhenTheStatusAllowsAndWork()
    {
        var approval = await EngineFixture.CreateAsync(_client, EngineFixture.Request("needs approval", batches: "50%",
            gates: new() { ["maxFailurePercent"] = 10, ["manualApproval"] = true }));
        var approvalId = approval["id"]!.GetValue<long>();
        await EngineFixture.WaitForStatusAsync(_client, approvalId, "AwaitingApproval");
        var page = await _client.GetPageAsync($"/jobs/{approvalId}");
        var shown = page.QuerySelectorAll("[data-control]").Where(e => !e.HasAttribute("hidden")).Select(e => e.GetAttribute("data-control"));
        Assert.Equal(["approve", "pause", "abort"], shown);
        var response = await _client.SubmitAsync(page.Form($"form[action='/jobs/{approvalId}/approve']"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("approved", (await _client.GetPageAsync($"/jobs/{approvalId}")).QuerySelector(".alert-success")!.TextContent);
        await EngineFixture.WaitAsync(_client, approvalId, j => EngineFixture.Status(j) != "AwaitingApproval" || j["batches"]![1]!["status"]!.GetValue<string>() != "Pending", what: "batch 2 to start");

        var failing = await EngineFixture.CreateAsync(_client, EngineFixture.Request("all fail", batches: "10%",
            parameters: new() { ["latencyMs"] = 5, ["failureRate"] = 1 }));
        var failingId = failing["id"]!.GetValue<long>();
        await EngineFixture.WaitForStatusAsync(_client, failingId, "Paused");
        page = await _client.GetPageAsync($"/jobs/{failingId}");
        Assert.Contains("batch 1", page.QuerySelector("[data-live=stop-reason]")!.TextContent);
        response = await _client.SubmitAsync(page.Form($"form[action='/jobs/{failingId}/retry-failed']"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await _client.GetPageAsync($"/jobs/{failingId}");
        // Issue 9, item 2: the message says the retried batch is gated again and the job then waits for a resume.
        Assert.Matches(@"runs? again in batch(es)? [\d, ]+; once .* passed its gates again the job pauses until you resume it", after.QuerySelector(".alert-success")!.TextContent);
    }
}
