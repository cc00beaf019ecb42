namespace Jobs.Core.Domain;

/// <summary>What became of an event as a whole (the Events page filters by it). Stored as a string.</summary>
public enum EventOutcome
{
    /// <summary>No enabled rule listens to this event type.</summary>
    NoRule = 0,
    /// <summary>Rules of this type exist; none matched.</summary>
    NoMatch = 1,
    /// <summary>At least one rule created a job.</summary>
    JobCreated = 2,
    /// <summary>A rule matched but its token bucket was empty; no rule created a job.</summary>
    Throttled = 3,
    /// <summary>A rule matched but its job could not be created (invalid variables, scope refused, error).</summary>
    NotCreated = 4,
}

/// <summary>What one rule did with one event. Stored as a string.</summary>
public enum RuleOutcome
{
    NotMatched = 0,
    JobCreated = 1,
    Throttled = 2,
    InvalidVariables = 3,
    ScopeRefused = 4,
    Failed = 5,
}

/// <summary>
/// An event received on <c>POST /api/v1/events</c> (issue 14): type, source, time and the <c>detail</c> object as
/// JSON text, with what every rule of its type made of it. Kept for <c>Jobs:Events:RetentionDays</c>, then purged.
/// </summary>
public sealed class InboundEvent
{
    public const int MaxTypeLength = 100;
    public const int MaxSourceLength = 200;

    private readonly List<EventRuleResult> _results = [];

    private InboundEvent() { } // EF

    public InboundEvent(string type, string source, DateTime time, string detailJson, DateTime receivedAt, string receivedBy)
    {
        Type = type;
        Source = source;
        Time = DateTime.SpecifyKind(time, DateTimeKind.Utc);
        Detail = detailJson;
        ReceivedAt = DateTime.SpecifyKind(receivedAt, DateTimeKind.Utc);
        ReceivedBy = receivedBy;
        Outcome = EventOutcome.NoRule;
    }

    public long Id { get; private set; }
    public string Type { get; private set; } = "";
    public string Source { get; private set; } = "";
    /// <summary>When it happened, as the sender says (<c>time</c>), else when it was received. UTC.</summary>
    public DateTime Time { get; private set; }
    public DateTime ReceivedAt { get; private set; }
    /// <summary>The user or <c>api-key:&lt;name&gt;</c> that sent it; jobs it creates are requested on their behalf.</summary>
    public string ReceivedBy { get; private set; } = "";
    /// <summary>The <c>detail</c> object as JSON text.</summary>
    public string Detail { get; private set; } = "";
    public EventOutcome Outcome { get; private set; }
    public IReadOnlyList<EventRuleResult> Results => _results;

    /// <summary>Records what each rule of the event's type did, and the event's outcome from them.</summary>
    public void Record(IReadOnlyCollection<EventRuleResult> results)
    {
        if (_results.Count > 0) throw new InvalidTransitionException($"Event {Id} was already evaluated.");
        _results.AddRange(results);
        Outcome = OutcomeOf(results);
    }

    private static EventOutcome OutcomeOf(IReadOnlyCollection<EventRuleResult> results)
    {
        if (results.Count == 0) return EventOutcome.NoRule;
        if (results.Any(r => r.Outcome == RuleOutcome.JobCreated)) return EventOutcome.JobCreated;
        if (results.Any(r => r.Outcome == RuleOutcome.Throttled)) return EventOutcome.Throttled;
        return results.All(r => r.Outcome == RuleOutcome.NotMatched) ? EventOutcome.NoMatch : EventOutcome.NotCreated;
    }
}

/// <summary>One rule's verdict on one event: matched or not, the variables it rendered, the job or why there is none.</summary>
public sealed class EventRuleResult
{
    public const int MaxReasonLength = 2000;

    private EventRuleResult() { } // EF

    public EventRuleResult(long ruleId, string ruleName, RuleOutcome outcome, string reason,
        string? variablesJson = null, string? bucketKey = null, long? jobId = null)
    {
        if ((outcome == RuleOutcome.JobCreated) != jobId.HasValue)
            throw new DomainException("A rule result names a job exactly when it created one.");
        RuleId = ruleId;
        RuleName = ruleName;
        Outcome = outcome;
        Reason = reason.Length > MaxReasonLength ? reason[..(MaxReasonLength - 1)] + "…" : reason;
        Variables = variablesJson;
        BucketKey = bucketKey;
        JobId = jobId;
    }

    public long Id { get; private set; }
    public long EventId { get; private set; }
    /// <summary>The rule (kept after the rule is deleted, with its name as it was).</summary>
    public long RuleId { get; private set; }
    public string RuleName { get; private set; } = "";
    public RuleOutcome Outcome { get; private set; }
    /// <summary>In the operator's words: "job 42 created", "throttled: bucket web-01 is empty until 10:42:00 UTC", ….</summary>
    public string Reason { get; private set; } = "";
    /// <summary>The rendered template variables as a JSON object; null when the rule did not match.</summary>
    public string? Variables { get; private set; }
    public string? BucketKey { get; private set; }
    public long? JobId { get; private set; }
}
