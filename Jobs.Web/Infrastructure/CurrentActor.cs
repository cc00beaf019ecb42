using Jobs.Core.Auditing;

namespace Jobs.Web.Infrastructure;

/// <summary>The operator behind the current request: the authenticated name (Windows auth under IIS) or "anonymous".</summary>
public sealed class CurrentActor(IHttpContextAccessor http)
{
    public Actor Get()
    {
        var ctx = http.HttpContext;
        var name = ctx?.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } n } ? n : "anonymous";
        return new Actor(name, ctx?.Connection.RemoteIpAddress?.ToString());
    }
}
