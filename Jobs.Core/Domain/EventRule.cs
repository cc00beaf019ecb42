namespace Jobs.Core.Domain;

/// <summary>
/// A rule of a job template (issue 14): events of <see cref="EventType"/> that satisfy <see cref="Match"/> run the
/// template with variables rendered from the event, at most as often as the rule's token bucket allows per key.
/// Validated by the rule service (the expression and placeholders need the filter language).
/// </summary>
public sealed class EventRule
{
    public const int MaxNameLength = 100;
    public const int MaxMatchLength = 2000;
    public const int MaxTemplateLength = 500;

    private EventRule() { } // EF

    public EventRule(long templateId, RuleSettings settings, string createdBy, DateTime now)
    {
        TemplateId = templateId;
        CreatedBy = createdBy;
        CreatedAt = DateTime.SpecifyKind(now, DateTimeKind.Utc);
        Apply(settings, now);
    }

    public long Id { get; private set; }
    public long TemplateId { get; private set; }
    public string Name { get; private set; } = "";
    public string EventType { get; private set; } = "";
    /// <summary>The match expression in normal form; empty matches every event of the type.</summary>
    public string Match { get; private set; } = "";
    /// <summary>Template variable → text with <c>{{event.…}}</c> placeholders, as a JSON object.</summary>
    public string Variables { get; private set; } = "{}";
    /// <summary>Tokens a bucket holds when full (events let through in a burst).</summary>
    public int BucketCapacity { get; private set; }
    /// <summary>Tokens added every <see cref="BucketIntervalSeconds"/>.</summary>
    public int BucketRefill { get; private set; }
    public int BucketIntervalSeconds { get; private set; }
    /// <summary>Which bucket an event takes from, e.g. <c>{{event.detail.app}}_{{event.detail.host}}</c>; empty = one per rule.</summary>
    public string BucketKey { get; private set; } = "";
    /// <summary>The job waits for an approval before its first batch.</summary>
    public bool RequireApproval { get; private set; }
    public bool Enabled { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public void Apply(RuleSettings s, DateTime now)
    {
        if (s.BucketCapacity < 1 || s.BucketRefill < 1 || s.BucketIntervalSeconds < 1)
            throw new DomainException("A token bucket needs a capacity, a refill and an interval of at least 1.");
        (Name, EventType, Match, Variables) = (s.Name, s.EventType, s.Match, s.VariablesJson);
        (BucketCapacity, BucketRefill, BucketIntervalSeconds, BucketKey) = (s.BucketCapacity, s.BucketRefill, s.BucketIntervalSeconds, s.BucketKey);
        (RequireApproval, Enabled) = (s.RequireApproval, s.Enabled);
        UpdatedAt = DateTime.SpecifyKind(now, DateTimeKind.Utc);
    }
}

/// <summary>A rule's settings once validated (the match expression normalised, the variables as JSON).</summary>
public sealed record RuleSettings(string Name, string EventType, string Match, string VariablesJson,
    int BucketCapacity, int BucketRefill, int BucketIntervalSeconds, string BucketKey, bool RequireApproval, bool Enabled);

/// <summary>
/// The token bucket of one rule and key, kept in the database so it holds across nodes and restarts. Tokens are
/// refilled lazily from <see cref="UpdatedAt"/>; taking one is a conditional update on <see cref="Version"/>.
/// </summary>
public sealed class RuleBucket
{
    public const int MaxKeyLength = 200;

    private RuleBucket() { } // EF

    public RuleBucket(long ruleId, string key, double tokens, DateTime at)
    {
        RuleId = ruleId;
        Key = key;
        Tokens = tokens;
        UpdatedAt = DateTime.SpecifyKind(at, DateTimeKind.Utc);
    }

    public long RuleId { get; private set; }
    public string Key { get; private set; } = "";
    /// <summary>Tokens left at <see cref="UpdatedAt"/>.</summary>
    public double Tokens { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public long Version { get; private set; }
}
