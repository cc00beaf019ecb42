using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Jobs.Core.Auditing;
using Jobs.Core.Domain;
using Jobs.Core.Filtering;
using Jobs.Core.Templates;
using Microsoft.Extensions.Logging;

namespace Jobs.Core.Events;

/// <summary>
/// One rule and one event: does it match; the variables it renders; a token from its bucket; the template run.
/// Every way out is a <see cref="EventRuleResult"/> that says why, never an exception.
/// </summary>
/// <remarks>
/// A token is spent before the run and not given back when the run is refused (invalid variables, scope): a rule that
/// cannot create its job is then throttled like one that can, instead of retrying on every repeat of the alert.
/// Variables that name a field the event lacks refuse the run before a token is spent.
/// </remarks>
public sealed partial class RuleFiring(TokenBuckets buckets, ITemplateRuns runs, TimeProvider clock, ILogger<RuleFiring> logger)
{
    public async Task<EventRuleResult> FireAsync(EventRule rule, InboundEvent ev, JsonElement json, Actor actor, CancellationToken ct)
    {
        if (!EventFilter.TryParse(rule.Match, out var filter, out var syntax))
            return Result(rule, RuleOutcome.Failed, $"The match expression no longer parses: {syntax.Message}");
        if (!filter.Matches(json))
            return Result(rule, RuleOutcome.NotMatched, $"Did not match: {rule.Match}");

        var variables = RuleVariables.Parse(rule.Variables)
            .ToDictionary(v => v.Key, v => (Text: EventPlaceholders.Render(v.Value, json, out var missing), Missing: missing), StringComparer.Ordinal);
        var values = variables.ToDictionary(v => v.Key, v => v.Value.Text, StringComparer.Ordinal);
        var variablesJson = JsonSerializer.Serialize(values);
        var absent = variables.Where(v => v.Value.Missing.Count > 0)
            .Select(v => $"variables.{v.Key}: the event has no {string.Join(", ", v.Value.Missing)}").ToList();
        var key = BucketKey(rule, json);
        if (absent.Count > 0)
            return Result(rule, RuleOutcome.InvalidVariables, string.Join("; ", absent), variablesJson, key);

        var now = clock.GetUtcNow().UtcDateTime;
        var take = await buckets.TryTakeAsync(rule, key, now, ct);
        if (!take.Taken)
        {
            var next = take.NextTokenAt is { } at ? $"; the next token comes at {at:yyyy-MM-dd HH:mm:ss} UTC" : "";
            return Result(rule, RuleOutcome.Throttled,
                $"Throttled: bucket '{key}' is empty ({rule.BucketCapacity} per {rule.BucketIntervalSeconds} s, refill {rule.BucketRefill}){next}.",
                variablesJson, key);
        }
        return await RunAsync(rule, ev, values, variablesJson, key, actor, ct);
    }

    private async Task<EventRuleResult> RunAsync(EventRule rule, InboundEvent ev, Dictionary<string, string> values,
        string variablesJson, string key, Actor actor, CancellationToken ct)
    {
        var options = new TemplateRunOptions { RequireApprovalBeforeFirstBatch = rule.RequireApproval, Source = $"rule:{rule.Id} event:{ev.Id}" };
        try
        {
            var run = await runs.RunAsync(rule.TemplateId, values, actor, options, ct);
            if (run.JobId is { } jobId)
                return Result(rule, RuleOutcome.JobCreated, $"Job {jobId} created" + (rule.RequireApproval ? "; it waits for approval before its first batch." : "."), variablesJson, key, jobId);
            var outcome = run.Errors.Keys.Any(k => k.StartsWith("variables", StringComparison.Ordinal)) ? RuleOutcome.InvalidVariables
                : run.Errors.Values.SelectMany(m => m).Any(m => m.Contains("scope", StringComparison.OrdinalIgnoreCase)) ? RuleOutcome.ScopeRefused
                : RuleOutcome.Failed;
            return Result(rule, outcome, run.Describe(), variablesJson, key);
        }
        catch (TemplateNotFoundException ex)
        {
            return Result(rule, RuleOutcome.Failed, ex.Message, variablesJson, key);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRunFailed(logger, ex, rule.Id, ev.Id);
            return Result(rule, RuleOutcome.Failed, "The job could not be created because of an internal error; the server log has the details.", variablesJson, key);
        }
    }

    /// <summary>The rendered bucket key; a key longer than a column holds becomes its SHA-256 (still one bucket per key).</summary>
    private static string BucketKey(EventRule rule, JsonElement json)
    {
        var key = EventPlaceholders.Render(rule.BucketKey, json, out _);
        return key.Length <= RuleBucket.MaxKeyLength ? key : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    private static EventRuleResult Result(EventRule rule, RuleOutcome outcome, string reason, string? variables = null, string? key = null, long? jobId = null) =>
        new(rule.Id, rule.Name, outcome, reason, variables, key, jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rule {RuleId} could not run its template for event {EventId}")]
    private static partial void LogRunFailed(ILogger logger, Exception ex, long ruleId, long eventId);
}

/// <summary>A rule's variable mapping (template variable → text with <c>{{event.…}}</c>) stored as a JSON object.</summary>
public static class RuleVariables
{
    public static IReadOnlyDictionary<string, string> Parse(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    public static string ToJson(IReadOnlyDictionary<string, string> variables) =>
        JsonSerializer.Serialize(variables.OrderBy(v => v.Key, StringComparer.Ordinal).ToDictionary(v => v.Key, v => v.Value));
}
