using Microsoft.AspNetCore.Identity;

namespace Jobs.Core.Security;

/// <summary>
/// A person who signs in to JOBS (local password, or single sign-on). Role grants are Identity roles; the server scope
/// of an Operator is a filter in the inventory filter language (null or blank: every server).
/// </summary>
public sealed class JobsUser : IdentityUser
{
    public JobsUser() { }

    public JobsUser(string userName) : base(userName) { }

    /// <summary>Servers an Operator may act on, e.g. <c>env=uat</c>; null = unscoped. Ignored for Admins (always unscoped).</summary>
    public string? Scope { get; set; }

    /// <summary>A disabled user cannot sign in and their API keys stop working; nothing is deleted.</summary>
    public bool Disabled { get; set; }

    public DateTime CreatedAt { get; set; }
}
