using System.Text.RegularExpressions;
using Jobs.Core.Auditing;
using Jobs.Core.Domain;
using Jobs.Core.Filtering;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Core.Events;

/// <summary>A rule as submitted (API body or form), before validation. Error keys use these camelCase names.</summary>
public sealed record RuleInput
{
    /// <summary>The template the rule runs; set when it is created, never changed.</summary>
    public long? TemplateId { get; init; }
    public string? Name { get; init; }
    public string? EventType { get; init; }
    /// <summary>A match expression over the event; blank matches every event of the type.</summary>
    public string? Match { get; init; }
    /// <summary>Template variable → text with <c>{{event.…}}</c> placeholders.</summary>
    public Dictionary<string, string>? Variables { get; init; }
    public BucketInput? Bucket { get; init; }
    /// <summary>Default false.</summary>
    public bool? RequireApproval { get; init; }
    /// <summary>Default true.</summary>
    public bool? Enabled { get; init; }
}

/// <summary>A rule's token bucket; defaults: capacity 1, refill 1 every 600 seconds, one bucket per rule (empty key).</summary>
public sealed record BucketInput
{
    public int? Capacity { get; init; }
    public int? Refill { get; init; }
    public int? IntervalSeconds { get; init; }
    /// <summary>Which bucket an event takes from, e.g. <c>{{event.detail.app}}_{{event.detail.host}}</c>.</summary>
    public string? Key { get; init; }
}

public sealed class RuleNotFoundException(long ruleId) : NotFoundException($"Rule {ruleId} does not exist.");

/// <summary>
/// Creates, changes and deletes event rules (issue 14), each validated field by field and audited in the same
/// SaveChanges (<c>rule.create</c>, <c>rule.update</c>, <c>rule.delete</c>). A rule's variables must be variables of its
/// template (<see cref="ITemplateCatalog"/>).
/// </summary>
public sealed partial class RuleService(JobsDbContext db, ITemplateCatalog templates, TimeProvider clock)
{
    public const int MaxBucketCapacity = 10_000;
    public const int MaxIntervalSeconds = 7 * 24 * 3600;

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:/\-]*$")]
    private static partial Regex TypePattern();

    public async Task<long> CreateAsync(RuleInput input, Actor actor, CancellationToken ct)
    {
        if (input.TemplateId is not { } templateId)
            throw new EventsValidationException(new Dictionary<string, string[]> { ["templateId"] = ["The template to run is required."] });
        var settings = await ValidateAsync(templateId, input, ct);
        var rule = new EventRule(templateId, settings, actor.Name, clock.GetUtcNow().UtcDateTime);
        db.EventRules.Add(rule);
        await db.SaveChangesAsync(ct);
        db.Audit(clock, actor, "rule.create", Target(rule.Id), Describe(rule, templateId));
        await db.SaveChangesAsync(ct);
        return rule.Id;
    }

    public async Task UpdateAsync(long ruleId, RuleInput input, Actor actor, CancellationToken ct)
    {
        var rule = await db.EventRules.SingleOrDefaultAsync(r => r.Id == ruleId, ct) ?? throw new RuleNotFoundException(ruleId);
        if (input.TemplateId is { } other && other != rule.TemplateId)
            throw new EventsValidationException(new Dictionary<string, string[]> { ["templateId"] = [$"A rule stays with its template ({rule.TemplateId}); create a new rule for template {other}."] });
        var settings = await ValidateAsync(rule.TemplateId, input, ct);
        rule.Apply(settings, clock.GetUtcNow().UtcDateTime);
        db.Audit(clock, actor, "rule.update", Target(rule.Id), Describe(rule, rule.TemplateId));
        await db.SaveChangesAsync(ct);
    }

    public async Task DeleteAsync(long ruleId, Actor actor, CancellationToken ct)
    {
        var rule = await db.EventRules.SingleOrDefaultAsync(r => r.Id == ruleId, ct) ?? throw new RuleNotFoundException(ruleId);
        db.EventRules.Remove(rule);
        db.Audit(clock, actor, "rule.delete", Target(rule.Id), $"{rule.Name} of template {rule.TemplateId} deleted");
        await db.SaveChangesAsync(ct);
    }

    private static string Target(long id) => $"rule/{id}";

    private static string Describe(EventRule r, long templateId) =>
        $"{r.Name}: template {templateId}, events {r.EventType}" + (r.Match.Length > 0 ? $" where {r.Match}" : "") +
        $", variables {r.Variables}, bucket {r.BucketCapacity} (+{r.BucketRefill} every {r.BucketIntervalSeconds} s) by '{r.BucketKey}'" +
        (r.RequireApproval ? ", approval before the first batch" : "") + (r.Enabled ? "" : ", disabled");

    /// <summary>Checks a rule for the template without writing anything (a form with problems of its own reports these too).</summary>
    /// <exception cref="EventsValidationException"/>
    /// <exception cref="TemplateMissingException"/>
    public async Task<RuleSettings> ValidateAsync(long templateId, RuleInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var known = (await templates.DescribeAsync(templateId, ct) ?? throw new TemplateMissingException(templateId)).Variables;
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add("name", "A name is required, e.g. disk full on web servers.");
        else if (name.Length > EventRule.MaxNameLength) errors.Add("name", $"The name is longer than {EventRule.MaxNameLength} characters.");
        var type = input.EventType?.Trim() ?? "";
        if (type.Length == 0) errors.Add("eventType", "The event type is required, e.g. disk.usage.");
        else if (type.Length > InboundEvent.MaxTypeLength || !TypePattern().IsMatch(type))
            errors.Add("eventType", $"The event type may hold letters, digits and . _ : / -, starting with a letter or digit, at most {InboundEvent.MaxTypeLength} characters.");
        var match = "";
        if ((input.Match?.Length ?? 0) > EventRule.MaxMatchLength) errors.Add("match", $"The match expression is longer than {EventRule.MaxMatchLength} characters.");
        else if (!EventFilter.TryParse(input.Match, out var filter, out var syntax)) errors.Add("match", syntax.Message);
        else match = filter.Text;
        var variables = input.Variables ?? [];
        foreach (var (variable, text) in variables)
        {
            if (!known.Contains(variable))
                errors.Add($"variables.{variable}", known.Count == 0 ? "The template has no variables." : $"The template has no variable {variable}; it has {string.Join(", ", known)}.");
            else if ((text ?? "").Length > EventRule.MaxTemplateLength)
                errors.Add($"variables.{variable}", $"The value is longer than {EventRule.MaxTemplateLength} characters.");
            foreach (var problem in EventPlaceholders.Problems(text ?? "")) errors.Add($"variables.{variable}", problem);
        }
        var bucket = input.Bucket ?? new BucketInput();
        var (capacity, refill, interval, key) = (bucket.Capacity ?? 1, bucket.Refill ?? 1, bucket.IntervalSeconds ?? 600, bucket.Key?.Trim() ?? "");
        if (capacity is < 1 or > MaxBucketCapacity) errors.Add("bucket.capacity", $"The capacity must be a whole number from 1 to {MaxBucketCapacity}.");
        if (refill < 1 || refill > capacity) errors.Add("bucket.refill", "The refill must be at least 1 and at most the capacity.");
        if (interval is < 1 or > MaxIntervalSeconds) errors.Add("bucket.intervalSeconds", $"The interval must be from 1 to {MaxIntervalSeconds} seconds (7 days).");
        if (key.Length > EventRule.MaxTemplateLength) errors.Add("bucket.key", $"The key is longer than {EventRule.MaxTemplateLength} characters.");
        foreach (var problem in EventPlaceholders.Problems(key)) errors.Add("bucket.key", problem);
        errors.ThrowIfAny();
        var mapping = variables.ToDictionary(v => v.Key, v => v.Value ?? "", StringComparer.Ordinal);
        return new RuleSettings(name, type, match, RuleVariables.ToJson(mapping), capacity, refill, interval, key,
            input.RequireApproval ?? false, input.Enabled ?? true);
    }
}

/// <summary>The template a rule was asked to join does not exist (API: 404).</summary>
public sealed class TemplateMissingException(long templateId) : NotFoundException($"Template {templateId} does not exist.");

/// <summary>What rules need to know about templates: which exist, their names and the names of their variables.</summary>
public interface ITemplateCatalog
{
    /// <summary>The template's name and the variable names of its latest version, or null when there is no such template.</summary>
    Task<TemplateSummary?> DescribeAsync(long templateId, CancellationToken ct);
}

public sealed record TemplateSummary(long Id, string Name, IReadOnlyCollection<string> Variables);
