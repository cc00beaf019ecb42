using Jobs.Core.Events;

namespace Jobs.Web.Models;

/// <summary>The rule form: the API's fields flattened, the variable mapping as <c>name: text</c> lines.</summary>
public sealed class RuleForm
{
    public string? Name { get; set; }
    public string? EventType { get; set; }
    public string? Match { get; set; }
    /// <summary>One <c>variable: text</c> per line, e.g. <c>host: {{event.detail.host}}</c>.</summary>
    public string? Variables { get; set; }
    public int? BucketCapacity { get; set; } = 1;
    public int? BucketRefill { get; set; } = 1;
    public int? BucketIntervalSeconds { get; set; } = 600;
    public string? BucketKey { get; set; }
    public bool RequireApproval { get; set; }
    public bool Enabled { get; set; } = true;

    public static RuleForm From(RuleRow r) => new()
    {
        Name = r.Name, EventType = r.EventType, Match = r.Match,
        Variables = string.Join("\n", RuleVariables.Parse(r.Variables).Select(v => $"{v.Key}: {v.Value}")),
        BucketCapacity = r.BucketCapacity, BucketRefill = r.BucketRefill, BucketIntervalSeconds = r.BucketIntervalSeconds,
        BucketKey = r.BucketKey, RequireApproval = r.RequireApproval, Enabled = r.Enabled,
    };

    /// <summary>The input for the rule service; lines that are not <c>name: text</c> are reported under <c>Variables</c>.</summary>
    public RuleInput ToInput(long? templateId, ICollection<(string Field, string Message)> errors)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = (Variables ?? "").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                errors.Add((nameof(Variables), $"Line {i + 1} is not 'variable: text' (e.g. host: {{{{event.detail.host}}}})."));
            else if (!variables.TryAdd(line[..colon].Trim(), line[(colon + 1)..].Trim()))
                errors.Add((nameof(Variables), $"Line {i + 1}: the variable {line[..colon].Trim()} is mapped twice."));
        }
        return new RuleInput
        {
            TemplateId = templateId, Name = Name, EventType = EventType, Match = Match, Variables = variables,
            Bucket = new BucketInput { Capacity = BucketCapacity, Refill = BucketRefill, IntervalSeconds = BucketIntervalSeconds, Key = BucketKey },
            RequireApproval = RequireApproval, Enabled = Enabled,
        };
    }

    /// <summary>The form field of a service error key (<c>variables.host</c> → Variables, <c>bucket.capacity</c> → BucketCapacity).</summary>
    public static string Field(string key) => key switch
    {
        "name" => nameof(Name),
        "eventType" => nameof(EventType),
        "match" => nameof(Match),
        "bucket.capacity" => nameof(BucketCapacity),
        "bucket.refill" => nameof(BucketRefill),
        "bucket.intervalSeconds" => nameof(BucketIntervalSeconds),
        "bucket.key" => nameof(BucketKey),
        _ when key.StartsWith("variables", StringComparison.Ordinal) => nameof(Variables),
        _ => "",
    };
}

/// <summary>A template's rules page, or one rule's form (<see cref="RuleId"/> set when editing).</summary>
public sealed class RulesViewModel
{
    public required long TemplateId { get; init; }
    public required string TemplateName { get; init; }
    public IReadOnlyList<string> TemplateVariables { get; init; } = [];
    public IReadOnlyList<RuleRow> Rules { get; init; } = [];
    public RuleForm Form { get; init; } = new();
    public long? RuleId { get; init; }
}
