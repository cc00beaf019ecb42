using System.Security.Claims;
using Jobs.Core.Security;

namespace Jobs.Web.Security;

/// <summary>What a page shows to whom: the same role sets the policies use (<see cref="Roles.AtLeast"/>).</summary>
public static class RoleChecks
{
    public static bool CanOperate(this ClaimsPrincipal user) => Roles.AtLeast(Roles.Operator).Any(user.IsInRole);
}
