using Jobs.Core.Security;
using Microsoft.AspNetCore.Authorization;

namespace Jobs.Web.Security;

/// <summary>
/// The authorization policies every controller action names explicitly (<c>[Authorize(Policy = Policies.X)]</c>).
/// Anything without a policy is denied by the fallback policy, so a forgotten attribute fails closed.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in user, with or without a role (their own account page, sign-out).</summary>
    public const string SignedIn = "SignedIn";

    /// <summary>Read pages and API (Viewer, Operator, Admin).</summary>
    public const string Viewer = "Viewer";

    /// <summary>Create and control jobs, import inventory (Operator, Admin); server scopes apply.</summary>
    public const string Operator = "Operator";

    /// <summary>Users, API keys of others, executor settings, the background-jobs dashboard.</summary>
    public const string Admin = "Admin";

    /// <summary><c>/metrics</c>: a Viewer (an API key as <c>Authorization: Bearer</c> or <c>X-Api-Key</c>, or a session), or
    /// any caller on this machine when <c>Jobs:Telemetry:AllowLoopbackScrape</c> is true (<see cref="MetricsAccess"/>).</summary>
    public const string Metrics = "Metrics";

    public static void Add(AuthorizationOptions o)
    {
        o.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser());
        o.AddPolicy(Viewer, p => p.RequireRole(Roles.AtLeast(Roles.Viewer)));
        o.AddPolicy(Operator, p => p.RequireRole(Roles.AtLeast(Roles.Operator)));
        o.AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
        o.AddPolicy(Metrics, p => p.RequireAssertion(ctx =>
            Roles.AtLeast(Roles.Viewer).Any(ctx.User.IsInRole) || (ctx.Resource is HttpContext http && MetricsAccess.LoopbackAllowed(http))));
        // Fail closed: an endpoint without [Authorize(Policy = …)] or [AllowAnonymous] answers 401/403 — except the
        // endpoints routing itself makes to answer 405 (wrong method) and 415 (wrong content type), which run no code.
        o.FallbackPolicy = new AuthorizationPolicyBuilder()
            .RequireAssertion(ctx => IsRoutingRejection(ctx.Resource))
            .Build();
    }

    private static bool IsRoutingRejection(object? resource) =>
        resource is HttpContext http && http.GetEndpoint() is { } e && e.Metadata.Count == 0 &&
        e.DisplayName is "405 HTTP Method Not Supported" or "415 HTTP Unsupported Media Type";
}
