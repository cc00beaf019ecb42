using Jobs.Core.Domain;
using Jobs.Core.Persistence;

namespace Jobs.Core.Auditing;

/// <summary>
/// Who is acting, from where, and on which servers they may act. Web fills it from the signed-in user or API key
/// (name <c>api-key:&lt;key name&gt;</c>); the engine acts as <c>system</c>.
/// </summary>
public sealed record Actor(string Name, string? ClientIp)
{
    public static Actor System { get; } = new("system", null) { IsAdmin = true };

    private readonly string? _user;

    /// <summary>The person behind the action: the user name, also for an API key (its owner). The two-person rule
    /// compares people, so an Admin cannot create a job with a key and approve it in the browser.</summary>
    public string User { get => _user ?? Name; init => _user = value; }

    /// <summary>Admins are unscoped and are the only ones who may approve a dangerous job or use the local executor.</summary>
    public bool IsAdmin { get; init; }

    /// <summary>The servers this actor may act on, in the filter language; null or blank = every server.</summary>
    public string? Scope { get; init; }

    /// <summary>True when a scope limits this actor (Admins never are).</summary>
    public bool IsScoped => !IsAdmin && !string.IsNullOrWhiteSpace(Scope);
}

public static class AuditLogExtensions
{
    /// <summary>Adds an audit entry to the context; it is saved with the change it describes, in the same SaveChanges.</summary>
    public static void Audit(this JobsDbContext db, TimeProvider clock, Actor actor, string action, string target, string detail) =>
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow().UtcDateTime, actor.Name, action, target, detail, actor.ClientIp));
}

/// <summary>
/// Records an event that changes nothing else (an export, a sign-in) as an audit entry of its own. Changes to jobs,
/// servers or users are audited by the service that makes them, in the same SaveChanges.
/// </summary>
public sealed class AuditTrail(JobsDbContext db, TimeProvider clock)
{
    public async Task RecordAsync(Actor actor, string action, string target, string detail, CancellationToken ct = default)
    {
        db.Audit(clock, actor, action, target, detail);
        await db.SaveChangesAsync(ct);
    }
}
