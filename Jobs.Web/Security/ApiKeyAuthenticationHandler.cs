using System.Security.Claims;
using System.Text.Encodings.Web;
using Jobs.Core.Persistence;
using Jobs.Core.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jobs.Web.Security;

/// <summary>
/// <c>X-Api-Key: jobs_…</c> (on <c>/metrics</c> also <c>Authorization: Bearer jobs_…</c>, see <see cref="MetricsAccess"/>) → a principal named <c>api-key:&lt;key name&gt;</c> with the owner's role and scope, read
/// fresh from the database on every request (a revoked key, a disabled owner or a changed role take effect at once).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    JobsDbContext db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    /// <summary>Last-used times are written at most this often per key, not on every request.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (MetricsAccess.ApiKey(Context) is not { } key) return AuthenticateResult.NoResult();
        var hash = ApiKey.HashOf(key);
        var found = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Hash == hash && k.RevokedAt == null)
            .Join(db.Users, k => k.UserId, u => u.Id, (k, u) => new
            {
                KeyId = k.Id, KeyName = k.Name, k.LastUsedAt, UserId = u.Id, u.UserName, u.Scope, u.Disabled,
            })
            .SingleOrDefaultAsync(Context.RequestAborted);
        if (found is null || found.Disabled) return AuthenticateResult.Fail("The API key is unknown, revoked, or its user is disabled.");

        var roles = await db.UserRoles.Where(r => r.UserId == found.UserId)
            .Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(Context.RequestAborted);
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, $"api-key:{found.KeyName}"),
            new(ClaimTypes.NameIdentifier, found.UserId),
            new(JobsClaims.KeyOwner, found.UserName ?? ""),
        };
        if (Roles.Highest(roles) is { } role) claims.Add(new Claim(ClaimTypes.Role, role));
        if (!string.IsNullOrWhiteSpace(found.Scope)) claims.Add(new Claim(JobsClaims.Scope, found.Scope));

        var now = clock.GetUtcNow().UtcDateTime;
        if (found.LastUsedAt is null || now - found.LastUsedAt > LastUsedResolution)
        {
            await db.ApiKeys.Where(k => k.Id == found.KeyId)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
        }
        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Not signed in",
            $"Send a valid API key in the {Header} header, or sign in.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Not allowed",
            "This API key's user does not have the role this call needs.");
}
