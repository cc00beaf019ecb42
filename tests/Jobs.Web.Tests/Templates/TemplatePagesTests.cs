using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jobs.Testing;
using Jobs.Web.Tests.Engine;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jobs.Web.Tests.Templates;

/// <summary>Issue 14: the template pages through real HTTP posts — Run's field errors, Run → review → job with its
/// version, Save as template from a job, the schedule's next five runs.</summary>
public sealed class TemplatePagesTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private JobsWebFactory _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await EngineFixture.SeedServersAsync(_db, 24);
        _app = new JobsWebFactory(_db, EngineFixture.FastTicks());
        _client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _db.DisposeAsync();
    }

    private async Task<long> CreateTemplateAsync()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/templates", TemplatesApiTests.Template());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
    }

    private Hangfire.Storage.RecurringJobDto? RecurringJob(string id)
    {
        using var connection = _app.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection();
        return Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection).SingleOrDefault(j => j.Id == id);
    }

    [Fact]
    public async Task RunForm_BadVariables_ShowFieldErrors_GoodOnes_ReviewThenCreateAJobWithTheVersion()
    {
        var id = await CreateTemplateAsync();
        var page = await _client.GetPageAsync($"/templates/{id}/run");

        var response = await _client.SubmitAsync(page.Form("[data-testid=run-form]"),
            new Dictionary<string, string> { ["Variables[app]"] = "", ["Variables[version]"] = "v1", ["Variables[colour]"] = "blue" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        page = await HtmlForms.ParseAsync(response);
        Assert.Contains("is-invalid", page.QuerySelector("[data-testid=var-app]")!.ClassName);
        Assert.Contains("app is required", page.QuerySelector("[data-testid=var-app] ~ .invalid-feedback")!.TextContent);
        Assert.Contains("does not match the pattern", page.QuerySelector("[data-testid=var-version] ~ .invalid-feedback")!.TextContent);

        response = await _client.SubmitAsync(page.Form("[data-testid=run-form]"),
            new Dictionary<string, string> { ["Variables[app]"] = "pay-api", ["Variables[version]"] = "3.1.0", ["Variables[colour]"] = "green" });
        page = await HtmlForms.ParseAsync(response);
        Assert.Equal("Review", page.Form("form#wizard").GetAttribute("data-step"));
        Assert.Contains($"template {id}", page.QuerySelector("[data-testid=from-template-note]")!.TextContent);
        Assert.Contains("6 hosts", page.QuerySelector("[data-testid=review-targets]")!.TextContent);

        response = await _client.SubmitAsync(page.Form("form#wizard"), new Dictionary<string, string> { ["nav"] = "create" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var dashboard = await _client.GetPageAsync(response.Headers.Location!.ToString());
        Assert.Contains("v1", dashboard.QuerySelector("[data-testid=job-template]")!.TextContent);
        await using var db = _db.CreateContext();
        var job = await db.Jobs.SingleAsync();
        Assert.Equal((id, 1, "env=prod and app = \"pay-api\""), (job.TemplateId, job.TemplateVersion, job.Filter));
        var templatePage = await _client.GetPageAsync($"/templates/{id}");
        Assert.Contains($"#{job.Id}", templatePage.QuerySelector("[data-testid=template-runs]")!.TextContent);
    }

    [Fact]
    public async Task SaveAsTemplate_FromAJob_FillsTheForm_AndSavesVersion1()
    {
        var created = await EngineFixture.CreateAsync(_client, EngineFixture.Request("nightly clean", filter: "env=prod and app=search"));
        var jobId = created["id"]!.GetValue<long>();

        var form = await _client.GetPageAsync($"/templates/new?fromJob={jobId}");
        Assert.Contains($"job {jobId}", form.QuerySelector("[data-testid=filled-from]")!.TextContent);
        var request = form.QuerySelector("[data-testid=template-request-input]")!.TextContent;
        Assert.Contains("\"filter\": \"env=prod and app=search\"", request);

        var response = await _client.SubmitAsync(form.Form("[data-testid=template-form]"), new Dictionary<string, string>
        {
            ["RequestJson"] = request.Replace("app=search", "app = {{var.app}}", StringComparison.Ordinal),
            ["Variables[0].Name"] = "app", ["Variables[0].Default"] = "search",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await _client.GetPageAsync(response.Headers.Location!.ToString());
        Assert.Contains("nightly clean", page.QuerySelector("[data-testid=template-name]")!.TextContent);
        Assert.Contains("{{var.app}}", page.QuerySelector("[data-testid=variables]")!.TextContent);
    }

    [Fact]
    public async Task SaveAsTemplate_FromTheWizardReview_CarriesTheWholeDraft()
    {
        var page = await _client.GetPageAsync("/jobs/new");
        var wizard = page.Form("form#wizard");
        var fields = HtmlForms.Fields(wizard, new Dictionary<string, string>
        {
            ["step"] = "5", ["Name"] = "from the wizard", ["Filter"] = "env=prod and app=search", ["Executor"] = "simulated",
            ["Parameters"] = "{\"latencyMs\": 5}", ["BatchPreset"] = "custom", ["CustomBatches"] = "2,50%", ["Parallelism"] = "3",
        });

        var response = await _client.PostAsync("/templates/draft", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = await HtmlForms.ParseAsync(response);
        Assert.Contains("the new-job wizard", form.QuerySelector("[data-testid=filled-from]")!.TextContent);
        Assert.Equal("from the wizard", form.QuerySelector("[data-testid=template-name-input]")!.GetAttribute("value"));
        var request = JsonNode.Parse(form.QuerySelector("[data-testid=template-request-input]")!.TextContent)!;
        Assert.Equal(("env=prod and app=search", "2,50%", 3), (request["filter"]!.GetValue<string>(), request["batches"]!.GetValue<string>(),
            request["parallelism"]!.GetValue<int>()));
    }

    [Fact]
    public async Task EditForm_UndefinedVariable_IsAFieldError()
    {
        var id = await CreateTemplateAsync();
        var form = await _client.GetPageAsync($"/templates/{id}/edit");

        var response = await _client.SubmitAsync(form.Form("[data-testid=template-form]"),
            new Dictionary<string, string> { ["RequestJson"] = "{\"filter\": \"app = {{var.nope}}\", \"executor\": \"simulated\"}" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Contains("{{var.nope}} is used but not defined", page.QuerySelector("#t-request ~ .invalid-feedback")!.TextContent);
    }

    [Fact]
    public async Task SchedulePreview_ShowsTheNextFiveRunsInTheZone_OrWhyNot()
    {
        var good = await _client.GetPageAsync("/templates/schedules/preview?cron=" + Uri.EscapeDataString("0 3 * * *") + "&timeZone=Europe/Berlin");
        var bad = await _client.GetPageAsync("/templates/schedules/preview?cron=" + Uri.EscapeDataString("0 3 * *") + "&timeZone=Mars/Base");

        var times = good.QuerySelectorAll("li").Select(li => li.TextContent).ToList();
        Assert.Equal(5, times.Count);
        Assert.All(times, t => Assert.Matches(@"03:00:00 \+0[12]:00$", t));
        Assert.Contains("has 4", bad.Body!.TextContent);
        Assert.Contains("not a known time zone", bad.Body!.TextContent);
    }

    [Fact]
    public async Task ScheduleForm_Save_StoresTheSchedule_Disable_Keeps_Delete_Removes()
    {
        var id = await CreateTemplateAsync();
        var page = await _client.GetPageAsync($"/templates/{id}");

        var response = await _client.SubmitAsync(page.Form("[data-schedule-form]"), new Dictionary<string, string>
        {
            ["Cron"] = "*/10 * * * *", ["TimeZone"] = "UTC", ["Variables[app]"] = "order-api", ["Variables[version]"] = "1.0.0", ["nav"] = "save",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        page = await _client.GetPageAsync($"/templates/{id}");
        Assert.Contains("*/10 * * * *", page.QuerySelector("[data-testid=schedules]")!.TextContent);

        await using var db = _db.CreateContext();
        var schedule = await db.TemplateSchedules.SingleAsync();
        Assert.Equal(("admin", true), (schedule.Owner, schedule.Enabled));
        var recurring = RecurringJob($"template-schedule-{schedule.Id}");
        Assert.Equal(("*/10 * * * *", "UTC"), (recurring?.Cron, recurring?.TimeZoneId));
        var disable = await _client.SubmitAsync(page.Form($"form[action='/templates/schedules/{schedule.Id}/disable']"));
        Assert.Equal(HttpStatusCode.Redirect, disable.StatusCode);
        Assert.False((await db.TemplateSchedules.AsNoTracking().SingleAsync()).Enabled);
        Assert.Null(RecurringJob($"template-schedule-{schedule.Id}"));
        page = await _client.GetPageAsync($"/templates/{id}");
        await _client.SubmitAsync(page.Form($"form[action='/templates/schedules/{schedule.Id}/delete']"));
        Assert.False(await db.TemplateSchedules.AnyAsync());
        Assert.Equal(["template.schedule.create", "template.schedule.disable", "template.schedule.delete"],
            await db.AuditEntries.Where(a => a.Action.StartsWith("template.schedule")).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }
}
