namespace Jobs.Core.Domain;

/// <summary>One state-changing action: who did what to which target, from where. Never updated or deleted.</summary>
public sealed class AuditEntry
{
    private AuditEntry() { } // EF

    public AuditEntry(DateTime at, string actor, string action, string target, string detail, string? clientIp)
    {
        At = DateTime.SpecifyKind(at, DateTimeKind.Utc);
        Actor = string.IsNullOrWhiteSpace(actor) ? "anonymous" : actor;
        Action = action;
        Target = target;
        Detail = detail.Length > 4000 ? detail[..4000] : detail;
        ClientIp = clientIp;
    }

    public long Id { get; private set; }
    public DateTime At { get; private set; }
    public string Actor { get; private set; } = "";
    /// <summary>A dotted verb, e.g. <c>job.create</c>, <c>job.pause</c>, <c>servers.import</c>.</summary>
    public string Action { get; private set; } = "";
    /// <summary>What was acted on, e.g. <c>job/42</c>.</summary>
    public string Target { get; private set; } = "";
    public string Detail { get; private set; } = "";
    public string? ClientIp { get; private set; }
}
