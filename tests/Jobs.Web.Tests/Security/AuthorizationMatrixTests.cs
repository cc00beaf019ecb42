using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Jobs.Core.Security;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static Jobs.Web.Tests.Engine.EngineFixture;

namespace Jobs.Web.Tests.Security;

/// <summary>
/// Issue 8: every route of the app (read from its own endpoint list, so a new action cannot be forgotten) × every kind
/// of caller → what the route's policy says. A route without a row here fails the test.
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    public enum Need { Anonymous, SignedIn, Viewer, Operator, Admin }

    /// <summary>What each route needs. <c>Scoped</c>: a control on a job, which also needs a scope covering every target.</summary>
    private static readonly Dictionary<string, (Need Need, bool Scoped)> Expected = new()
    {
        ["GET /"] = (Need.Viewer, false),
        ["GET /audit"] = (Need.Viewer, false),
        ["GET /audit/export"] = (Need.Viewer, false),
        ["GET /error/{code:int?}"] = (Need.Anonymous, false),
        ["GET /healthz"] = (Need.Anonymous, false),
        ["GET /hangfire/{**path}"] = (Need.Admin, false),
        ["GET /login"] = (Need.Anonymous, false),
        ["POST /login"] = (Need.Anonymous, false),
        ["GET /login/sso"] = (Need.Anonymous, false),
        ["GET /login/sso/callback"] = (Need.Anonymous, false),
        ["POST /logout"] = (Need.SignedIn, false),
        ["GET /account"] = (Need.SignedIn, false),
        ["POST /account/password"] = (Need.SignedIn, false),
        ["POST /account/keys"] = (Need.Viewer, false),
        ["POST /account/keys/{keyId:long}/revoke"] = (Need.Viewer, false),
        ["GET /jobs"] = (Need.Viewer, false),
        ["GET /jobs/{id:long}"] = (Need.Viewer, false),
        ["GET /jobs/{id:long}/live"] = (Need.Viewer, false),
        ["GET /jobs/{id:long}/hosts/{hostname}"] = (Need.Viewer, false),
        ["GET /jobs/{id:long}/abort"] = (Need.Operator, false),
        ["POST /jobs/{id:long}/{control:jobcontrol}"] = (Need.Operator, true),
        ["POST /jobs/{id:long}/hosts/{hostname}/{control:hostcontrol}"] = (Need.Operator, true),
        ["GET /jobs/{id:long}/export"] = (Need.Viewer, false),
        ["GET /api/v1/jobs/{id:long}/export.xlsx"] = (Need.Viewer, false),
        ["GET /jobs/new"] = (Need.Operator, false),
        ["GET /jobs/new/targets"] = (Need.Operator, false),
        ["POST /jobs/new"] = (Need.Operator, false),
        ["GET /servers"] = (Need.Viewer, false),
        ["POST /servers/import"] = (Need.Operator, false),
        ["GET /settings"] = (Need.Admin, false),
        ["GET /settings/executors"] = (Need.Admin, false),
        ["POST /settings/executors/{name}/test"] = (Need.Admin, false),
        ["GET /settings/users"] = (Need.Admin, false),
        ["POST /settings/users"] = (Need.Admin, false),
        ["GET /settings/users/{id}"] = (Need.Admin, false),
        ["POST /settings/users/{id}"] = (Need.Admin, false),
        ["POST /settings/users/{id}/password"] = (Need.Admin, false),
        ["POST /settings/users/{id}/keys"] = (Need.Admin, false),
        ["POST /settings/users/{id}/keys/{keyId:long}/revoke"] = (Need.Admin, false),
        ["GET /api/v1/jobs"] = (Need.Viewer, false),
        ["POST /api/v1/jobs"] = (Need.Operator, false),
        ["POST /api/v1/jobs/preview"] = (Need.Operator, false),
        ["GET /api/v1/jobs/{id:long}"] = (Need.Viewer, false),
        ["GET /api/v1/jobs/{id:long}/hosts"] = (Need.Viewer, false),
        // One route per scope for every control (pause, resume, abort, retry-failed, approve; host: skip, retry).
        ["POST /api/v1/jobs/{id:long}/{control:jobcontrol}"] = (Need.Operator, true),
        ["POST /api/v1/jobs/{id:long}/hosts/{hostname}/{control:hostcontrol}"] = (Need.Operator, true),
        ["GET /api/v1/servers"] = (Need.Viewer, false),
        ["POST /api/v1/servers/import"] = (Need.Operator, false),
        // Issue 15: a dry run (?dryRun=true) needs an Operator; without it the sync writes and needs an Admin.
        ["GET /api/v1/inventory/sources"] = (Need.Viewer, false),
        ["POST /api/v1/inventory/sources/{name}/sync"] = (Need.Admin, false),
        ["GET /servers/sources/{name}/preview"] = (Need.Operator, false),
        ["POST /servers/sources/{name}/sync"] = (Need.Admin, false),
        // Issue 9: host history, the OpenAPI document and its browsable reference (with the assets it serves).
        ["GET /servers/{hostname}"] = (Need.Viewer, false),
        ["GET /openapi/{documentName}.json"] = (Need.Viewer, false),
        ["GET /api/docs/{documentName?}"] = (Need.Viewer, false),
        // Scalar marks its own static files anonymous: the library's script and icon, no data of ours.
        ["GET /api/docs/scalar.js"] = (Need.Anonymous, false),
        ["GET /api/docs/scalar.aspnetcore.js"] = (Need.Anonymous, false),
        ["GET /api/docs/favicon.svg"] = (Need.Anonymous, false),
        // Issue 14: job templates and their schedules.
        ["GET /templates"] = (Need.Viewer, false),
        ["GET /templates/{id:long}"] = (Need.Viewer, false),
        ["GET /templates/new"] = (Need.Operator, false),
        ["POST /templates/new"] = (Need.Operator, false),
        ["POST /templates/draft"] = (Need.Operator, false),
        ["GET /templates/{id:long}/edit"] = (Need.Operator, false),
        ["POST /templates/{id:long}/edit"] = (Need.Operator, false),
        ["GET /templates/{id:long}/run"] = (Need.Operator, false),
        ["POST /templates/{id:long}/run"] = (Need.Operator, false),
        ["POST /templates/{id:long}/schedules"] = (Need.Operator, false),
        ["GET /templates/schedules/preview"] = (Need.Operator, false),
        ["POST /templates/schedules/{scheduleId:long}/enable"] = (Need.Operator, false),
        ["POST /templates/schedules/{scheduleId:long}/disable"] = (Need.Operator, false),
        ["POST /templates/schedules/{scheduleId:long}/delete"] = (Need.Operator, false),
        ["GET /api/v1/templates"] = (Need.Viewer, false),
        ["GET /api/v1/templates/{id:long}"] = (Need.Viewer, false),
        ["POST /api/v1/templates"] = (Need.Operator, false),
        ["PUT /api/v1/templates/{id:long}"] = (Need.Operator, false),
        ["POST /api/v1/templates/{id:long}/run"] = (Need.Operator, false),
        // Issue 14: events (sending one may create jobs, so it needs an Operator) and the event rules of templates.
        ["GET /events"] = (Need.Viewer, false),
        ["GET /events/{id:long}"] = (Need.Viewer, false),
        ["GET /templates/{templateId:long}/rules"] = (Need.Viewer, false),
        ["GET /templates/{templateId:long}/rules/new"] = (Need.Operator, false),
        ["POST /templates/{templateId:long}/rules"] = (Need.Operator, false),
        ["GET /rules/{id:long}"] = (Need.Viewer, false),
        ["POST /rules/{id:long}"] = (Need.Operator, false),
        ["POST /rules/{id:long}/delete"] = (Need.Operator, false),
        ["POST /api/v1/events"] = (Need.Operator, false),
        ["GET /api/v1/events"] = (Need.Viewer, false),
        ["GET /api/v1/events/{id:long}"] = (Need.Viewer, false),
        ["GET /api/v1/rules"] = (Need.Viewer, false),
        ["POST /api/v1/rules"] = (Need.Operator, false),
        ["GET /api/v1/rules/{id:long}"] = (Need.Viewer, false),
        ["PUT /api/v1/rules/{id:long}"] = (Need.Operator, false),
        ["DELETE /api/v1/rules/{id:long}"] = (Need.Operator, false),
    };

    private sealed record Caller(string Name, Need Has, bool Scoped, HttpClient Client, string? CsrfToken)
    {
        public bool Anonymous => Has == Need.Anonymous;
        public bool Cookie => CsrfToken is not null;
    }

    [Fact]
    public async Task EveryRoute_EveryCaller_AnswersWhatItsPolicySays()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedServersAsync(database, 20);
        await SeedServersAsync(database, 10, prefix: "uat", env: "uat");
        await using var app = new JobsWebFactory(database, FastTicks());
        await TestUsers.CreateAsync(app, TestUsers.Viewer, TestUsers.Operator, TestUsers.ScopedOperator, TestUsers.SecondAdmin, TestUsers.NoRole);
        var target = new TestUser("tom-target", "target-password-0001", Roles.Viewer, null);
        await TestUsers.CreateAsync(app, target);
        var job = await CreateAsync(app.CreateClient(), Request("prod job", parameters: new() { ["latencyMs"] = 5000, ["seed"] = 1 }, batches: "1,100%", parallelism: 1));
        var values = new Dictionary<string, string>
        {
            ["id:long"] = job["id"]!.ToString(), ["hostname"] = "web-00000", ["control"] = "pause", ["control:hostcontrol"] = "skip", ["name"] = "simulated",
            ["code:int?"] = "404", ["documentName"] = "v1", ["documentName?"] = "v1", ["keyId:long"] = "999999", ["scheduleId:long"] = "999999", ["templateId:long"] = "999999", ["**path"] = "", ["id"] = await UserIdAsync(app, target.Name),
        };

        var callers = new List<Caller> { new("anonymous", Need.Anonymous, false, app.CreateAnonymousClient(), null) };
        foreach (var (user, has) in new[] { (TestUsers.NoRole, Need.SignedIn), (TestUsers.Viewer, Need.Viewer), (TestUsers.Operator, Need.Operator),
                     (TestUsers.ScopedOperator, Need.Operator), (TestUsers.Admin, Need.Admin) })
        {
            var cookie = await TestUsers.SignInAsync(app, user);
            callers.Add(new Caller($"{user.Name} (signed in)", has, user.Scope is not null, cookie, await TestUsers.CsrfTokenAsync(cookie)));
            if (user != TestUsers.Admin) callers.Add(new Caller($"{user.Name} (API key)", has, user.Scope is not null, TestUsers.KeyClient(app, user), null));
        }
        callers.Add(new Caller("admin (API key)", Need.Admin, false, app.CreateClient(new() { AllowAutoRedirect = false }), null));

        var routes = Routes(app);
        var missing = routes.Where(r => !Expected.ContainsKey(r)).ToList();
        Assert.True(missing.Count == 0, "Routes without an expected policy (add a row to Expected): " + string.Join(", ", missing));
        var stale = Expected.Keys.Where(k => !routes.Contains(k)).ToList();
        Assert.True(stale.Count == 0, "Rows for routes that no longer exist: " + string.Join(", ", stale));

        var failures = new List<string>();
        var checkedCount = 0;
        // Sign-out last: it ends the signed-in callers' sessions.
        foreach (var route in routes.OrderBy(r => r == "POST /logout"))
        {
            var (need, scoped) = Expected[route];
            foreach (var caller in callers)
            {
                var response = await SendAsync(caller, route, values);
                checkedCount++;
                var status = (int)response.StatusCode;
                var why = Judge(route, need, scoped, caller, response);
                if (why is not null) failures.Add($"{route} as {caller.Name}: {status} {why}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {checkedCount} answers were wrong:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task EveryEndpoint_NamesAPolicyOrAllowsAnonymousExplicitly()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await using var app = new JobsWebFactory(database);
        var loose = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Where(e => !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is not null))
            .Select(e => e.RoutePattern.RawText).ToList();
        Assert.True(loose.Count == 0,
            "Give these endpoints [Authorize(Policy = Policies.X)] or [AllowAnonymous] (the fallback policy would deny them): " + string.Join(", ", loose));
    }

    private static string? Judge(string route, Need need, bool scoped, Caller caller, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var api = route.Contains(" /api/", StringComparison.Ordinal);
        if (status >= 500) return "server error";
        if (caller.Has < need)
        {
            if (caller.Anonymous)
            {
                if (api) return status == 401 ? null : "expected 401";
                return status == 302 && response.Headers.Location?.ToString().Contains("/login") == true ? null : "expected a redirect to /login";
            }
            return status == 403 ? null : "expected 403";
        }
        if (scoped && caller.Scoped)
        {
            // The job's targets are prod; a uat-scoped operator's control is refused (API 403, page: back with the reason;
            // a page form posted with an API key and no form token stops earlier, at the anti-forgery check).
            if (api) return status == 403 ? null : "expected 403 (outside the scope)";
            return status == 302 || (!caller.Cookie && status == 400) ? null : "expected a redirect with the reason";
        }
        return status is 401 or 403 ? "expected to be let in" : null;
    }

    private static async Task<HttpResponseMessage> SendAsync(Caller caller, string route, Dictionary<string, string> values)
    {
        var space = route.IndexOf(' ');
        var method = route[..space];
        var url = Parameter().Replace(route[(space + 1)..], m =>
            values.TryGetValue(m.Groups[1].Value, out var v) ? v : values[m.Groups[1].Value.Split(':')[0]]);
        var api = url.StartsWith("/api/", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        // A browser's DELETE on the API carries the anti-forgery header token like its POST and PUT.
        if (method == "DELETE" && api && caller.CsrfToken is { } header) request.Headers.Add("RequestVerificationToken", header);
        if (method is "POST" or "PUT")
        {
            if (api)
            {
                request.Content = url.EndsWith("/import", StringComparison.Ordinal)
                    ? new StringContent("hostname,ip,idc,env,app\n", System.Text.Encoding.UTF8, "text/csv")
                    : JsonContent.Create(new { });
                if (caller.CsrfToken is { } t) request.Headers.Add("RequestVerificationToken", t);
            }
            else
            {
                var fields = new Dictionary<string, string>();
                if (caller.CsrfToken is { } t) fields["__RequestVerificationToken"] = t;
                request.Content = new FormUrlEncodedContent(fields);
            }
        }
        return await caller.Client.SendAsync(request);
    }

    private static List<string> Routes(JobsWebFactory app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .Distinct().Order(StringComparer.Ordinal).ToList();

    private static async Task<string> UserIdAsync(JobsWebFactory app, string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<JobsUser>>().FindByNameAsync(name))!.Id;
    }

    [GeneratedRegex(@"\{([^}:]+(?::[^}]*?)?)\}(?=/|$)")]
    private static partial Regex Parameter();
}
