using Jobs.Core.Domain;

namespace Jobs.Web.Infrastructure;

/// <summary>
/// Route constraints <c>{control:jobcontrol}</c> and <c>{control:hostcontrol}</c>: a slug of
/// <see cref="JobControlText"/>. The MVC pages and the API share them, so a new control gets its routes with no
/// route change (<c>POST /jobs/{id}/{slug}</c>, <c>POST /api/v1/jobs/{id}/{slug}</c>, and <c>…/hosts/{hostname}/{slug}</c>).
/// </summary>
public abstract class ControlRouteConstraint(bool hostControls) : IRouteConstraint
{
    public const string Job = "jobcontrol";
    public const string Host = "hostcontrol";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value) && value is string slug && JobControlText.FromSlug(slug, hostControls) is not null;

    public static void Register(RouteOptions options)
    {
        options.ConstraintMap[Job] = typeof(JobControlRouteConstraint);
        options.ConstraintMap[Host] = typeof(HostControlRouteConstraint);
    }
}

public sealed class JobControlRouteConstraint() : ControlRouteConstraint(hostControls: false);

public sealed class HostControlRouteConstraint() : ControlRouteConstraint(hostControls: true);
