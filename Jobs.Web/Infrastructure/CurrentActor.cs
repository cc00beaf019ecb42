using Jobs.Core.Auditing;
using Jobs.Core.Security;
using Jobs.Web.Security;

namespace Jobs.Web.Infrastructure;

/// <summary>
/// The person (or API key) behind the current request: the signed-in user's name or <c>api-key:&lt;key name&gt;</c>,
/// the client IP, whether they are an Admin and their server scope. Every audit row and every scope check uses it.
/// </summary>
public sealed class CurrentActor(IHttpContextAccessor http)
{
    public Actor Get()
    {
        var ctx = http.HttpContext;
        var user = ctx?.User;
        var name = user?.Identity is { IsAuthenticated: true, Name: { Length: > 0 } n } ? n : "anonymous";
        return new Actor(name, ctx?.Connection.RemoteIpAddress?.ToString())
        {
            User = user?.FindFirst(JobsClaims.KeyOwner)?.Value is { Length: > 0 } owner ? owner : name,
            IsAdmin = user?.IsInRole(Roles.Admin) == true,
            Scope = user?.FindFirst(JobsClaims.Scope)?.Value,
        };
    }
}
