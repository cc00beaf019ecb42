using Jobs.Core.Domain;
using Jobs.Core.Persistence;

namespace Jobs.Core.Auditing;

/// <summary>Who is acting, and from where. Web fills it from the request; the engine acts as <c>system</c>.</summary>
public sealed record Actor(string Name, string? ClientIp)
{
    public static Actor System { get; } = new("system", null);
}

public static class AuditLogExtensions
{
    /// <summary>Adds an audit entry to the context; it is saved with the change it describes, in the same SaveChanges.</summary>
    public static void Audit(this JobsDbContext db, TimeProvider clock, Actor actor, string action, string target, string detail) =>
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow().UtcDateTime, actor.Name, action, target, detail, actor.ClientIp));
}
