using System.Net;
using Jobs.Core.Persistence;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jobs.Web.Tests.Security;

/// <summary>Issue 8: sign-in, lockout, the login rate limit, the first admin's password printed once, sign-out.</summary>
public sealed class SignInTests
{
    [Fact]
    public async Task Login_RightPassword_SignsInAndAudits_WrongPassword_SaysSoAndAudits()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await using var app = new JobsWebFactory(database);
        var client = app.CreateAnonymousClient();

        var wrong = await TestUsers.PostLoginAsync(client, "admin", "not-the-password");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("The user name or password is not right.", await wrong.Content.ReadAsStringAsync());
        var right = await TestUsers.PostLoginAsync(client, "admin", TestSecurity.AdminPassword);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/jobs")).StatusCode);

        await using var db = database.CreateContext();
        var audit = await db.AuditEntries.Where(a => a.Action.StartsWith("auth.")).OrderBy(a => a.Id).ToListAsync();
        Assert.Collection(audit,
            a => { Assert.Equal("auth.sign-in-failed", a.Action); Assert.Equal("user/admin", a.Target); Assert.Equal("wrong password", a.Detail); },
            a => { Assert.Equal("auth.sign-in", a.Action); Assert.Equal("admin", a.Actor); });
    }

    [Fact]
    public async Task Login_FiveWrongPasswords_LocksTheAccountEvenForTheRightOne()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await using var app = new JobsWebFactory(database);
        var client = app.CreateAnonymousClient();
        for (var i = 0; i < 5; i++) await TestUsers.PostLoginAsync(client, "admin", "wrong-" + i);

        var locked = await TestUsers.PostLoginAsync(client, "admin", TestSecurity.AdminPassword);

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/jobs")).StatusCode);
    }

    [Fact]
    public async Task Login_MoreAttemptsThanTheLimit_Answers429()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await using var app = new JobsWebFactory(database, new Dictionary<string, string?> { ["Jobs:Auth:LoginAttemptsPerMinute"] = "3" });
        var client = app.CreateAnonymousClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await TestUsers.PostLoginAsync(client, "nobody", "whatever-password")).StatusCode);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task FirstStart_NoBootstrapPassword_PrintsAGeneratedOneOnce_ThatSignsIn()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        var noPassword = new Dictionary<string, string?> { ["Jobs:Bootstrap:AdminPassword"] = "" };
        var firstLogs = new CapturingLoggerProvider();
        string password;
        await using (var first = Capture(new JobsWebFactory(database, noPassword), firstLogs))
        {
            first.CreateClient();
            var lines = firstLogs.Lines.Where(l => l.Contains("First start: sign in")).ToList();
            var line = Assert.Single(lines);
            password = System.Text.RegularExpressions.Regex.Match(line, @"password ([A-Za-z0-9]{20}) ").Groups[1].Value;
            Assert.Equal(20, password.Length);
            var client = first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            client.DefaultRequestHeaders.Remove(TestSecurity.ApiKeyHeader);
            Assert.Equal(HttpStatusCode.Redirect, (await TestUsers.PostLoginAsync(client, "admin", password)).StatusCode);
        }
        var secondLogs = new CapturingLoggerProvider();
        await using (var second = Capture(new JobsWebFactory(database, noPassword), secondLogs))
        {
            second.CreateClient();
            Assert.DoesNotContain(secondLogs.Lines, l => l.Contains("First start") || l.Contains(password));
        }
    }

    [Fact]
    public async Task Logout_EndsTheSessionAndAudits()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await using var app = new JobsWebFactory(database);
        var client = await TestUsers.SignInAsync(app, TestUsers.Admin);
        var token = await TestUsers.CsrfTokenAsync(client);

        var response = await client.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/jobs")).StatusCode);
        await using var db = database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "auth.sign-out" && a.Actor == "admin"));
    }

    [Fact]
    public async Task DisabledUser_CannotSignIn_AndTheirKeyStopsWorking()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await using var app = new JobsWebFactory(database);
        await TestUsers.CreateAsync(app, TestUsers.Operator);
        Assert.Equal(HttpStatusCode.OK, (await TestUsers.KeyClient(app, TestUsers.Operator).GetAsync("/api/v1/jobs")).StatusCode);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var admin = scope.ServiceProvider.GetRequiredService<Web.Security.UserAdministration>();
            var id = (await admin.ListAsync(default)).Single(u => u.UserName == TestUsers.Operator.Name).Id;
            await admin.UpdateAsync(id, "Operator", null, disabled: true, new Core.Auditing.Actor("admin", null) { IsAdmin = true }, default);
        }

        var login = await TestUsers.PostLoginAsync(app.CreateAnonymousClient(), TestUsers.Operator.Name, TestUsers.Operator.Password);
        Assert.Contains("This account is disabled", await login.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await TestUsers.KeyClient(app, TestUsers.Operator).GetAsync("/api/v1/jobs")).StatusCode);
    }

    [Fact]
    public async Task RequireHttps_PlainHttpRequest_IsTurnedAwayWithAMessage_ProxiedHttpsWorks()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await using var app = new JobsWebFactory(database, new Dictionary<string, string?> { ["Jobs:Auth:RequireHttps"] = "true" });
        var client = app.CreateAnonymousClient();

        var plain = await client.GetAsync("/login");
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Contains("only answers over HTTPS", await plain.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        // A TLS-terminating proxy on this machine says the scheme: the page is served, with a Secure sign-in cookie later.
        var proxied = new HttpRequestMessage(HttpMethod.Get, "/login");
        proxied.Headers.Add("X-Forwarded-Proto", "https");
        proxied.Headers.Host = "jobs.example.com"; // HSTS is never sent to localhost
        var response = await client.SendAsync(proxied);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    private static WebApplicationFactory<Program> Capture(JobsWebFactory app, CapturingLoggerProvider logs) =>
        app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs)));
}
