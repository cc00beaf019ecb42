using System.Net;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Web.Tests.Security;

/// <summary>Issue 8: a user's own account (password, API keys) and an Admin's password reset.</summary>
public sealed class AccountTests
{
    [Fact]
    public async Task ChangeOwnPassword_WrongCurrent_SaysSo_RightCurrent_NewOneSignsIn()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await using var app = new JobsWebFactory(database);
        await TestUsers.CreateAsync(app, TestUsers.Operator);
        var otto = await TestUsers.SignInAsync(app, TestUsers.Operator);
        var page = await otto.GetPageAsync("/account");

        var wrong = await otto.SubmitAsync(page.Form("form[action='/account/password']"), new Dictionary<string, string>
        {
            ["CurrentPassword"] = "not-my-password", ["NewPassword"] = "a-brand-new-password", ["ConfirmPassword"] = "a-brand-new-password",
        });
        Assert.Contains("Incorrect password", await wrong.Content.ReadAsStringAsync());
        var right = await otto.SubmitAsync((await otto.GetPageAsync("/account")).Form("form[action='/account/password']"), new Dictionary<string, string>
        {
            ["CurrentPassword"] = TestUsers.Operator.Password, ["NewPassword"] = "a-brand-new-password", ["ConfirmPassword"] = "a-brand-new-password",
        });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);

        var fresh = app.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await TestUsers.PostLoginAsync(fresh, TestUsers.Operator.Name, TestUsers.Operator.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await TestUsers.PostLoginAsync(fresh, TestUsers.Operator.Name, "a-brand-new-password")).StatusCode);
        await using var db = database.CreateContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "user.change-password" && a.Actor == "otto"));
    }

    [Fact]
    public async Task OwnApiKey_ShownOnce_Works_RevokedStopsWorking()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await using var app = new JobsWebFactory(database);
        await TestUsers.CreateAsync(app, TestUsers.Viewer);
        var vera = await TestUsers.SignInAsync(app, TestUsers.Viewer);

        var created = await vera.SubmitAsync((await vera.GetPageAsync("/account")).Form("form[action='/account/keys']"),
            new Dictionary<string, string> { ["name"] = "grafana" });
        var key = (await HtmlForms.ParseAsync(created)).QuerySelector("[data-testid=new-key] code")!.TextContent.Trim();
        var again = await vera.GetPageAsync("/account");
        Assert.Null(again.QuerySelector("[data-testid=new-key]"));
        Assert.DoesNotContain(key, again.Source.Text);
        var withKey = app.CreateAnonymousClient();
        withKey.DefaultRequestHeaders.Add(TestSecurity.ApiKeyHeader, key);
        Assert.Equal(HttpStatusCode.OK, (await withKey.GetAsync("/api/v1/jobs")).StatusCode);
        // A Viewer's key is a Viewer: it cannot create jobs.
        Assert.Equal(HttpStatusCode.Forbidden, (await withKey.PostAsync("/api/v1/jobs", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"))).StatusCode);

        var row = again.QuerySelectorAll("[data-testid=keys] tbody tr").Single(r => r.TextContent.Contains("grafana"));
        var revoke = (AngleSharp.Html.Dom.IHtmlFormElement)row.QuerySelector("form")!;
        Assert.Equal(HttpStatusCode.Redirect, (await vera.SubmitAsync(revoke)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await withKey.GetAsync("/api/v1/jobs")).StatusCode);
    }

    [Fact]
    public async Task AdminResetsPassword_OldOneStopsWorking_AndLockoutIsCleared()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await using var app = new JobsWebFactory(database);
        await TestUsers.CreateAsync(app, TestUsers.Operator);
        var anon = app.CreateAnonymousClient();
        for (var i = 0; i < 5; i++) await TestUsers.PostLoginAsync(anon, TestUsers.Operator.Name, "guess-" + i);
        var admin = await TestUsers.SignInAsync(app, TestUsers.Admin);
        var users = await admin.GetPageAsync("/settings/users");
        Assert.Contains("locked out", users.QuerySelectorAll("[data-testid=users] tbody tr").Single(r => r.TextContent.Contains("otto")).TextContent);
        var link = users.QuerySelectorAll("[data-testid=users] a").Single(a => a.TextContent == "otto").GetAttribute("href")!;

        var reset = await admin.SubmitAsync((await admin.GetPageAsync(link)).Form($"form[action='{link}/password']"),
            new Dictionary<string, string> { ["password"] = "reset-by-admin-0001" });

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TestUsers.PostLoginAsync(anon, TestUsers.Operator.Name, TestUsers.Operator.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await TestUsers.PostLoginAsync(anon, TestUsers.Operator.Name, "reset-by-admin-0001")).StatusCode);
    }

    [Fact]
    public async Task LastAdmin_CannotBeDemoted()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await using var app = new JobsWebFactory(database);
        var admin = await TestUsers.SignInAsync(app, TestUsers.Admin);
        var users = await admin.GetPageAsync("/settings/users");
        var link = users.QuerySelectorAll("[data-testid=users] a").Single(a => a.TextContent == "admin").GetAttribute("href")!;

        var demote = await admin.SubmitAsync((await admin.GetPageAsync(link)).Form($"form[action='{link}']"),
            new Dictionary<string, string> { ["Role"] = "Viewer" });

        Assert.Equal(HttpStatusCode.OK, demote.StatusCode);
        Assert.Contains("admin is the last enabled Admin", await demote.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/settings/users")).StatusCode);
    }
}
