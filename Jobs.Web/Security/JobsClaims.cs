using System.Security.Claims;
using Jobs.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Jobs.Web.Security;

/// <summary>Claim types JOBS adds to a signed-in principal.</summary>
public static class JobsClaims
{
    /// <summary>The user's server scope (filter language); absent = unscoped.</summary>
    public const string Scope = "jobs:scope";

    /// <summary>For an API key principal: the user who owns the key.</summary>
    public const string KeyOwner = "jobs:key-owner";
}

/// <summary>Adds the server scope to the cookie principal; the security stamp validator refreshes it when an Admin changes it.</summary>
public sealed class JobsUserClaimsFactory(UserManager<JobsUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<JobsUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(JobsUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrWhiteSpace(user.Scope)) identity.AddClaim(new Claim(JobsClaims.Scope, user.Scope));
        return identity;
    }
}
