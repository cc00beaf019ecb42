using System.Net;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Jobs.Web.Tests.Security;

/// <summary>Issue 8: with an OpenID Connect authority configured, the login page offers single sign-on and sends the
/// browser to the provider (authorization code with PKCE); without one there is no button and no route.</summary>
public sealed class SingleSignOnTests
{
    [Fact]
    public async Task Oidc_Configured_ButtonAndChallengeToTheProvider_NotConfigured_None()
    {
        await using var provider = await TestHttpServer.StartAsync(app =>
        {
            app.MapGet("/jwks", () => Results.Json(new { keys = Array.Empty<object>() }));
            app.MapGet("/.well-known/openid-configuration", (HttpContext ctx) =>
        {
            var issuer = $"http://{ctx.Request.Host}";
            return Results.Json(new
            {
                issuer, authorization_endpoint = issuer + "/authorize", token_endpoint = issuer + "/token",
                jwks_uri = issuer + "/jwks", response_types_supported = new[] { "code" },
                subject_types_supported = new[] { "public" }, id_token_signing_alg_values_supported = new[] { "RS256" },
            });
        });
        });
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await using var app = new JobsWebFactory(database, new Dictionary<string, string?>
        {
            ["Jobs:Auth:Oidc:Authority"] = provider.Url, ["Jobs:Auth:Oidc:ClientId"] = "jobs", ["Jobs:Auth:Oidc:ClientSecret"] = "s3cret",
            ["Jobs:Auth:Oidc:DisplayName"] = "Sign in with Corp SSO",
        });
        var client = app.CreateAnonymousClient();

        var login = await client.GetPageAsync("/login");
        Assert.Equal("Sign in with Corp SSO", login.QuerySelector("[data-testid=sso]")!.TextContent);
        var challenge = await client.GetAsync("/login/sso?returnUrl=%2Fjobs");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var location = challenge.Headers.Location!.ToString();
        Assert.StartsWith(provider.Url + "/authorize?", location);
        Assert.Contains("client_id=jobs", location);
        Assert.Contains("response_type=code", location);
        Assert.Contains("code_challenge_method=S256", location);
        Assert.Contains("redirect_uri=http%3A%2F%2Flocalhost%2Fsignin-oidc", location);

        await using var plain = new JobsWebFactory(database);
        var none = plain.CreateAnonymousClient();
        Assert.Null((await none.GetPageAsync("/login")).QuerySelector("[data-testid=sso]"));
        Assert.Equal(HttpStatusCode.NotFound, (await none.GetAsync("/login/sso")).StatusCode);
    }

    [Fact]
    public async Task Oidc_ProviderDown_LoginPageSaysSo_No500()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await using var app = new JobsWebFactory(database, new Dictionary<string, string?>
        {
            ["Jobs:Auth:Oidc:Authority"] = "http://127.0.0.1:9", ["Jobs:Auth:Oidc:ClientId"] = "jobs",
        });

        var response = await app.CreateAnonymousClient().GetAsync("/login/sso");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Single sign-on does not answer right now", await response.Content.ReadAsStringAsync());
    }
}
