using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jobs.Core.Domain;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Jobs.Web.Tests.Engine.EngineFixture;

namespace Jobs.Web.Tests.Security;

/// <summary>Issue 8: the API refuses a browser's cookie without the anti-forgery header; server scopes bound creation and controls.</summary>
public sealed class CsrfAndScopeTests
{
    [Fact]
    public async Task Api_CookieWithoutAntiforgeryHeader_IsRefused_WithHeaderOrApiKey_Works()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedServersAsync(database, 10);
        await using var app = new JobsWebFactory(database, FastTicks());
        var job = await CreateAsync(app.CreateClient(), Request("csrf", parameters: new() { ["latencyMs"] = 5000 }, batches: "1,100%", parallelism: 1));
        var id = job["id"]!.GetValue<long>();
        var browser = await TestUsers.SignInAsync(app, TestUsers.Admin);

        // What a cross-site form riding on the operator's cookie can send: no custom header.
        var forged = await browser.PostAsync($"/api/v1/jobs/{id}/pause", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains("anti-forgery token", await forged.Content.ReadAsStringAsync());
        Assert.NotEqual("Paused", Status(await GetAsync(app.CreateClient(), id))); // not paused (it may still be starting)

        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/jobs/{id}/pause");
        request.Headers.Add("RequestVerificationToken", await TestUsers.CsrfTokenAsync(browser));
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(request)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsync($"/api/v1/jobs/{id}/resume", null)).StatusCode);
    }

    [Fact]
    public async Task Form_WithoutAntiforgeryToken_IsRefused()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await using var app = new JobsWebFactory(database);
        var browser = await TestUsers.SignInAsync(app, TestUsers.Admin);

        var response = await browser.PostAsync("/settings/users", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "mallory", ["Password"] = "mallory-password-01", ["Role"] = "Admin",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = database.CreateContext();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "mallory"));
    }

    [Fact]
    public async Task ScopedOperator_CannotCreateAJobReachingProd_NorControlAProdJob()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedServersAsync(database, 10, prefix: "uat", env: "uat");
        await SeedServersAsync(database, 3, prefix: "prod");
        await using var app = new JobsWebFactory(database, FastTicks());
        await TestUsers.CreateAsync(app, TestUsers.ScopedOperator);
        var ursula = TestUsers.KeyClient(app, TestUsers.ScopedOperator);

        foreach (var path in new[] { "/api/v1/jobs/preview", "/api/v1/jobs" })
        {
            var refused = await ursula.PostAsJsonAsync(path, Request("reaches prod", filter: "app=order-api"));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var errors = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["errors"]!["filter"]![0]!.GetValue<string>();
            Assert.Contains("3 targets are outside your server scope (env=uat): prod-00000, prod-00001, prod-00002.", errors);
        }
        var own = await ursula.PostAsJsonAsync("/api/v1/jobs", Request("uat only", filter: "env=uat"));
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);

        var prodJob = await CreateAsync(app.CreateClient(), Request("prod", parameters: new() { ["latencyMs"] = 5000 }, batches: "1,100%", parallelism: 1));
        var pause = await ursula.PostAsync($"/api/v1/jobs/{prodJob["id"]}/pause", null);
        Assert.Equal(HttpStatusCode.Forbidden, pause.StatusCode);
        Assert.Contains("outside your server scope", await pause.Content.ReadAsStringAsync());
        Assert.NotEqual("Paused", Status(await GetAsync(app.CreateClient(), prodJob["id"]!.GetValue<long>()))); // not paused (it may still be starting)
        await using var db = database.CreateContext();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "job.pause"), "a refused control is not audited as done");
        Assert.Equal(1, await db.Jobs.CountAsync(j => j.CreatedBy == "api-key:ursula-key"));
    }

    [Fact]
    public async Task LocalExecutor_OnlyAdmins_AndOffWhenDisabled()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedServersAsync(database, 3);
        await using var app = new JobsWebFactory(database, FastTicks());
        await TestUsers.CreateAsync(app, TestUsers.Operator);
        var local = Request("local", executor: "local", parameters: new() { ["command"] = "echo hi" });

        var refused = await TestUsers.KeyClient(app, TestUsers.Operator).PostAsJsonAsync("/api/v1/jobs/preview", local);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Only an Admin may use the local executor", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsJsonAsync("/api/v1/jobs/preview", local)).StatusCode);

        await using var off = new JobsWebFactory(database, new Dictionary<string, string?> { ["Jobs:Executors:local:Enabled"] = "false" });
        var unknown = await off.CreateClient().PostAsJsonAsync("/api/v1/jobs/preview", local);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("executor", await unknown.Content.ReadAsStringAsync());
    }
}
