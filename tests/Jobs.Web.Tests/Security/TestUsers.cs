using System.Net;
using System.Text.RegularExpressions;
using Jobs.Core.Persistence;
using Jobs.Core.Security;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Jobs.Web.Tests.Security;

/// <summary>A person of the security tests: a local user with a role, an optional server scope and an API key.</summary>
public sealed record TestUser(string Name, string Password, string? Role, string? Scope)
{
    public string ApiKey { get; } = $"jobs_{Name}-key-0123456789abcdefghijklmnop";
}

/// <summary>Users for the security tests (issue 8), created through the real user store, signed in through the real form.</summary>
public static partial class TestUsers
{
    public static readonly TestUser Viewer = new("vera", "viewer-password-0001", Roles.Viewer, null);
    public static readonly TestUser Operator = new("otto", "operator-password-0001", Roles.Operator, null);
    public static readonly TestUser ScopedOperator = new("ursula", "scoped-password-0001", Roles.Operator, "env=uat");
    public static readonly TestUser SecondAdmin = new("ada", "admin2-password-0001", Roles.Admin, null);
    public static readonly TestUser NoRole = new("nora", "norole-password-0001", null, null);
    public static readonly TestUser Admin = new(TestSecurity.AdminUser, TestSecurity.AdminPassword, Roles.Admin, null);

    public static async Task CreateAsync(JobsWebFactory app, params TestUser[] users)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<JobsUser>>();
        var db = scope.ServiceProvider.GetRequiredService<JobsDbContext>();
        foreach (var u in users)
        {
            var user = new JobsUser(u.Name) { Scope = u.Scope, CreatedAt = DateTime.UtcNow };
            var result = await manager.CreateAsync(user, u.Password);
            Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
            if (u.Role is not null) await manager.AddToRoleAsync(user, u.Role);
            db.ApiKeys.Add(Core.Security.ApiKey.FromSecret(user.Id, u.Name + "-key", u.ApiKey, DateTime.UtcNow));
        }
        await db.SaveChangesAsync();
    }

    /// <summary>A client signed in through the login form (cookie), with no API key.</summary>
    public static async Task<HttpClient> SignInAsync(JobsWebFactory app, TestUser user)
    {
        var client = app.CreateAnonymousClient();
        var response = await PostLoginAsync(client, user.Name, user.Password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in of {user.Name}: {(int)response.StatusCode}");
        return client;
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string user, string password)
    {
        var token = TokenIn(await (await client.GetAsync("/login")).Content.ReadAsStringAsync());
        return await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = user, ["Password"] = password, ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>A client that sends <paramref name="user"/>'s API key and nothing else.</summary>
    public static HttpClient KeyClient(JobsWebFactory app, TestUser user)
    {
        var client = app.CreateAnonymousClient();
        client.DefaultRequestHeaders.Add(TestSecurity.ApiKeyHeader, user.ApiKey);
        return client;
    }

    /// <summary>The anti-forgery token a signed-in page carries (for form posts and the API's header).</summary>
    public static async Task<string> CsrfTokenAsync(HttpClient signedIn) =>
        TokenIn(await (await signedIn.GetAsync("/account")).Content.ReadAsStringAsync());

    private static string TokenIn(string html) =>
        TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("no anti-forgery token in the page");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
