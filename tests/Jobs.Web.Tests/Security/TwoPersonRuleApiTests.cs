using System.Net;
using System.Net.Http.Json;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Jobs.Web.Tests.Engine.EngineFixture;

namespace Jobs.Web.Tests.Security;

/// <summary>Issue 8: the two-person rule through the API — the creator (by any credential) and non-Admins are refused and audited.</summary>
public sealed class TwoPersonRuleApiTests
{
    [Fact]
    public async Task DangerousJob_WaitsForAnotherAdmin_CreatorAndOperatorRefused_ThenRuns()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedServersAsync(database, 4);
        await using var app = new JobsWebFactory(database, FastTicks());
        await TestUsers.CreateAsync(app, TestUsers.Operator, TestUsers.SecondAdmin);
        var admin = app.CreateClient(); // the bootstrap admin's API key: the person "admin"

        var job = await CreateAsync(admin, Request("clean cache", executor: "local",
            parameters: new() { ["command"] = "echo rm -rf /opt/app/cache/{{host.hostname}}" }, batches: "100%"));
        var id = job["id"]!.GetValue<long>();
        Assert.Equal("AwaitingApproval", Status(job));
        Assert.Contains("'rm -rf'", job["dangerousCommand"]!.GetValue<string>());

        var own = await admin.PostAsync($"/api/v1/jobs/{id}/approve", null);
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Contains("admin created this job, so another Admin must approve it", await own.Content.ReadAsStringAsync());
        var browser = await TestUsers.SignInAsync(app, TestUsers.Admin); // the same person, signed in
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/jobs/{id}/approve");
        request.Headers.Add("RequestVerificationToken", await TestUsers.CsrfTokenAsync(browser));
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(request)).StatusCode);
        var op = await TestUsers.KeyClient(app, TestUsers.Operator).PostAsync($"/api/v1/jobs/{id}/approve", null);
        Assert.Equal(HttpStatusCode.Forbidden, op.StatusCode);
        Assert.Contains("Only an Admin may approve", await op.Content.ReadAsStringAsync());
        await using (var db = database.CreateContext())
            Assert.Equal(0, await db.HostTasks.CountAsync(h => h.JobId == id && h.Status != Core.Domain.HostStatus.Pending));

        var approved = await TestUsers.KeyClient(app, TestUsers.SecondAdmin).PostAsync($"/api/v1/jobs/{id}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var done = await WaitForStatusAsync(admin, id, "Succeeded");
        Assert.Equal("ada", done["secondApprover"]!.GetValue<string>());

        await using var check = database.CreateContext();
        var audit = await check.AuditEntries.Where(a => a.Target == $"job/{id}").OrderBy(a => a.Id).Select(a => new { a.Actor, a.Action }).ToListAsync();
        Assert.Equal(
            [("api-key:bootstrap", "job.create"), ("api-key:bootstrap", "job.approve-refused"), ("admin", "job.approve-refused"),
             ("api-key:otto-key", "job.approve-refused"), ("api-key:ada-key", "job.approve")],
            audit.Select(a => (a.Actor, a.Action)));
    }

    [Fact]
    public async Task OperatorsDangerousJob_WaitsForAnAdmin()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedServersAsync(database, 2);
        await using var app = new JobsWebFactory(database, new Dictionary<string, string?>(FastTicks())
        {
            // An agent executor nobody answers: the job never gets that far before it is approved.
            ["Jobs:Executors:agent-x:Type"] = "agent", ["Jobs:Executors:agent-x:BaseUrl"] = "http://127.0.0.1:9/", ["Jobs:Executors:agent-x:Token"] = "t",
        });
        await TestUsers.CreateAsync(app, TestUsers.Operator);
        var otto = TestUsers.KeyClient(app, TestUsers.Operator);

        var response = await otto.PostAsJsonAsync("/api/v1/jobs", Request("reboot", executor: "agent-x", parameters: new() { ["command"] = "sudo reboot" }));
        var job = await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("AwaitingApproval", Status(job!));
        Assert.Equal(HttpStatusCode.Forbidden, (await otto.PostAsync($"/api/v1/jobs/{job!["id"]}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsync($"/api/v1/jobs/{job["id"]}/approve", null)).StatusCode);
        Assert.NotEqual("AwaitingApproval", Status(await GetAsync(otto, job["id"]!.GetValue<long>())));
    }
}
