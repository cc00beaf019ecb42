namespace Jobs.Web.Models;

public sealed record AuditQuery(string? Actor, string? Action, string? Target, int Page);

public sealed record AuditRow(long Id, DateTime At, string Actor, string Action, string Target, string Detail, string? ClientIp)
{
    /// <summary>Link to what the entry is about, when it is a job (<c>job/42</c>).</summary>
    public string? TargetUrl =>
        Target.StartsWith("job/", StringComparison.Ordinal) && long.TryParse(Target.AsSpan(4), out var id) ? $"/jobs/{id}" : null;
}

public sealed class AuditViewModel
{
    public required AuditQuery Query { get; init; }
    public required PageOf<AuditRow> Entries { get; init; }
    public required IReadOnlyList<string> Actions { get; init; }
}
