using Jobs.Core.Auditing;
using Jobs.Core.Filtering;
using Jobs.Core.Persistence;
using Jobs.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Web.Security;

/// <summary>A user as the Users page lists it.</summary>
public sealed record UserRow(string Id, string UserName, string? Role, string? Scope, bool Disabled, bool LockedOut,
    DateTime CreatedAt, int ActiveKeys, bool External);

/// <summary>An API key as lists show it (never the secret).</summary>
public sealed record ApiKeyRow(long Id, string Name, string Prefix, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt);

/// <summary>Field errors of a user change (keys: <c>userName</c>, <c>password</c>, <c>role</c>, <c>scope</c>, <c>name</c>).</summary>
public sealed class UserChangeException(IReadOnlyDictionary<string, string> errors)
    : Exception(string.Join(" ", errors.Values))
{
    public IReadOnlyDictionary<string, string> Errors { get; } = errors;
}

/// <summary>
/// Users, roles, scopes and API keys. Every change is audited with the acting Admin; the last enabled Admin can be
/// neither demoted nor disabled, so JOBS is never left without one.
/// </summary>
public sealed class UserAdministration(UserManager<JobsUser> users, JobsDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken ct)
    {
        var roleOf = await RolesByUserAsync(ct);
        var keys = await db.ApiKeys.Where(k => k.RevokedAt == null).GroupBy(k => k.UserId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var external = (await db.UserLogins.Select(l => l.UserId).Distinct().ToListAsync(ct)).ToHashSet();
        var now = clock.GetUtcNow();
        var list = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        return list.Select(u => new UserRow(u.Id, u.UserName ?? "", roleOf.GetValueOrDefault(u.Id), u.Scope, u.Disabled,
            !u.Disabled && u.LockoutEnd > now, u.CreatedAt, keys.GetValueOrDefault(u.Id), external.Contains(u.Id))).ToList();
    }

    public async Task<UserRow?> FindAsync(string id, CancellationToken ct) =>
        (await ListAsync(ct)).FirstOrDefault(u => u.Id == id);

    public async Task<IReadOnlyList<ApiKeyRow>> KeysAsync(string userId, CancellationToken ct) =>
        await db.ApiKeys.AsNoTracking().Where(k => k.UserId == userId).OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.CreatedAt)
            .Select(k => new ApiKeyRow(k.Id, k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt)).ToListAsync(ct);

    public async Task<string> CreateAsync(string? userName, string? password, string? role, string? scope, Actor actor, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        userName = userName?.Trim();
        if (string.IsNullOrEmpty(userName)) errors["userName"] = "Enter a user name.";
        CheckRoleAndScope(role, scope, errors);
        if (string.IsNullOrEmpty(password)) errors["password"] = "Enter a first password (at least 12 characters).";
        if (errors.Count > 0) throw new UserChangeException(errors);

        var user = new JobsUser(userName!) { Scope = Blank(scope), CreatedAt = clock.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(user, password!);
        if (!created.Succeeded) throw new UserChangeException(IdentityErrors(created));
        if (!string.IsNullOrEmpty(role)) await users.AddToRoleAsync(user, role);
        Audit(actor, "user.create", user, $"role {role ?? "none"}, scope {Describe(scope)}");
        await db.SaveChangesAsync(ct);
        return user.Id;
    }

    public async Task UpdateAsync(string id, string? role, string? scope, bool disabled, Actor actor, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id) ?? throw new KeyNotFoundException(id);
        var errors = new Dictionary<string, string>();
        CheckRoleAndScope(role, scope, errors);
        var current = Roles.Highest(await users.GetRolesAsync(user));
        var losesAdmin = current == Roles.Admin && (role != Roles.Admin || disabled);
        if (losesAdmin && await EnabledAdminsAsync(ct) <= 1)
            errors["role"] = $"{user.UserName} is the last enabled Admin; make someone else Admin first.";
        if (errors.Count > 0) throw new UserChangeException(errors);

        var changes = new List<string>();
        if (current != Blank(role))
        {
            if (current is not null) await users.RemoveFromRoleAsync(user, current);
            if (!string.IsNullOrEmpty(role)) await users.AddToRoleAsync(user, role);
            changes.Add($"role {current ?? "none"} → {Blank(role) ?? "none"}");
        }
        if (user.Scope != Blank(scope))
        {
            changes.Add($"scope {Describe(user.Scope)} → {Describe(scope)}");
            user.Scope = Blank(scope);
        }
        if (user.Disabled != disabled)
        {
            changes.Add(disabled ? "disabled" : "enabled");
            user.Disabled = disabled;
            // Lockout is what Identity's sign-in honours; the flag is what the pages and API keys read.
            user.LockoutEnabled = true;
            user.LockoutEnd = disabled ? DateTimeOffset.MaxValue : null;
        }
        if (changes.Count == 0) return;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user); // open sessions pick the change up at their next check
        Audit(actor, "user.update", user, string.Join("; ", changes));
        await db.SaveChangesAsync(ct);
    }

    public async Task ResetPasswordAsync(string id, string? password, Actor actor, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id) ?? throw new KeyNotFoundException(id);
        if (string.IsNullOrEmpty(password)) throw new UserChangeException(new Dictionary<string, string> { ["password"] = "Enter the new password." });
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded) throw new UserChangeException(IdentityErrors(result));
        await users.SetLockoutEndDateAsync(user, user.Disabled ? DateTimeOffset.MaxValue : null);
        await users.ResetAccessFailedCountAsync(user);
        Audit(actor, "user.reset-password", user, "password reset by an Admin; the user's sessions end");
        await db.SaveChangesAsync(ct);
    }

    public async Task<string> CreateKeyAsync(string userId, string? name, Actor actor, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId) ?? throw new KeyNotFoundException(userId);
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
            throw new UserChangeException(new Dictionary<string, string> { ["name"] = "Name the key (up to 100 characters), e.g. ci-deploy." });
        if (await db.ApiKeys.AnyAsync(k => k.UserId == userId && k.Name == name && k.RevokedAt == null, ct))
            throw new UserChangeException(new Dictionary<string, string> { ["name"] = $"{user.UserName} already has an active key named '{name}'." });
        var (key, secret) = ApiKey.Create(userId, name, clock.GetUtcNow().UtcDateTime);
        db.ApiKeys.Add(key);
        Audit(actor, "apikey.create", user, $"key '{name}' ({key.Prefix}…)");
        await db.SaveChangesAsync(ct);
        return secret;
    }

    public async Task RevokeKeyAsync(string userId, long keyId, Actor actor, CancellationToken ct)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == keyId && k.UserId == userId, ct) ?? throw new KeyNotFoundException(keyId.ToString());
        key.Revoke(clock.GetUtcNow().UtcDateTime);
        var owner = await users.FindByIdAsync(userId);
        Audit(actor, "apikey.revoke", owner!, $"key '{key.Name}' ({key.Prefix}…)");
        await db.SaveChangesAsync(ct);
    }

    private static void CheckRoleAndScope(string? role, string? scope, Dictionary<string, string> errors)
    {
        if (!string.IsNullOrEmpty(role) && !Roles.IsKnown(role))
            errors["role"] = $"Choose one of {string.Join(", ", Roles.All)}, or no role.";
        if (!string.IsNullOrWhiteSpace(scope) && !HostFilter.TryParse(scope, out _, out var error))
            errors["scope"] = "The scope is not a valid filter: " + error.Message;
    }

    private async Task<int> EnabledAdminsAsync(CancellationToken ct) =>
        (await users.GetUsersInRoleAsync(Roles.Admin)).Count(u => !u.Disabled);

    private async Task<Dictionary<string, string?>> RolesByUserAsync(CancellationToken ct)
    {
        var pairs = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct);
        return pairs.GroupBy(p => p.UserId).ToDictionary(g => g.Key, g => Roles.Highest(g.Select(p => p.Name!)));
    }

    private void Audit(Actor actor, string action, JobsUser user, string detail) =>
        db.Audit(clock, actor, action, $"user/{user.UserName}", detail);

    private static Dictionary<string, string> IdentityErrors(IdentityResult result) =>
        result.Errors.GroupBy(e => e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "userName")
            .ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => e.Description)));

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string Describe(string? scope) => string.IsNullOrWhiteSpace(scope) ? "all servers" : $"'{scope.Trim()}'";
}
