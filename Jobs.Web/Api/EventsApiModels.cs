using System.Text.Json.Nodes;
using Jobs.Core.Domain;
using Jobs.Core.Events;

namespace Jobs.Web.Api;

// Shapes of the events and rules API (issue 14), camelCase with enums as strings.

public sealed record EventSummaryDto(long Id, string Type, string Source, DateTime Time, DateTime ReceivedAt, string ReceivedBy,
    EventOutcome Outcome, int RulesMatched, long? JobId)
{
    public static EventSummaryDto From(EventRow r) => new(r.Id, r.Type, r.Source, r.Time, r.ReceivedAt, r.ReceivedBy, r.Outcome, r.Matched, r.FirstJobId);
}

/// <summary>One rule's verdict: <c>variables</c> as rendered from the event, <c>jobId</c> when it created one, else <c>reason</c> says why not.</summary>
public sealed record RuleResultDto(long RuleId, string RuleName, RuleOutcome Outcome, string Reason, JsonNode? Variables, string? BucketKey, long? JobId);

public sealed record EventDto(long Id, string Type, string Source, DateTime Time, DateTime ReceivedAt, string ReceivedBy,
    EventOutcome Outcome, JsonNode? Detail, IReadOnlyList<RuleResultDto> Results)
{
    public static EventDto From(InboundEvent e) => new(e.Id, e.Type, e.Source, e.Time, e.ReceivedAt, e.ReceivedBy, e.Outcome,
        JsonNode.Parse(e.Detail),
        e.Results.Select(r => new RuleResultDto(r.RuleId, r.RuleName, r.Outcome, r.Reason,
            r.Variables is null ? null : JsonNode.Parse(r.Variables), r.BucketKey, r.JobId)).ToList());
}

public sealed record BucketDto(int Capacity, int Refill, int IntervalSeconds, string Key);

public sealed record RuleDto(long Id, long TemplateId, string Name, string EventType, string Match,
    IReadOnlyDictionary<string, string> Variables, BucketDto Bucket, bool RequireApproval, bool Enabled,
    string CreatedBy, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static RuleDto From(RuleRow r) => new(r.Id, r.TemplateId, r.Name, r.EventType, r.Match, RuleVariables.Parse(r.Variables),
        new BucketDto(r.BucketCapacity, r.BucketRefill, r.BucketIntervalSeconds, r.BucketKey), r.RequireApproval, r.Enabled,
        r.CreatedBy, r.CreatedAt, r.UpdatedAt);
}
