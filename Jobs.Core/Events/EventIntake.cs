using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jobs.Core.Auditing;
using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jobs.Core.Events;

/// <summary>An event as sent to <c>POST /api/v1/events</c>, before validation.</summary>
public sealed record EventInput
{
    /// <summary>What happened, e.g. <c>disk.usage</c>; rules listen to one type (exact, case-sensitive).</summary>
    public string? Type { get; init; }
    /// <summary>Who says so, e.g. <c>prometheus-bj1</c>.</summary>
    public string? Source { get; init; }
    /// <summary>Anything the sender knows, as a JSON object; rules read it as <c>detail.&lt;name&gt;</c>.</summary>
    public JsonObject? Detail { get; init; }
    /// <summary>When it happened; default: when it was received.</summary>
    public DateTimeOffset? Time { get; init; }
}

/// <summary>
/// Receives events (issue 14): validates, stores the event first (so it is on the Events page whatever happens next),
/// then lets every enabled rule of its type decide (<see cref="RuleFiring"/>) and records each verdict on the event.
/// </summary>
public sealed partial class EventIntake(JobsDbContext db, RuleFiring firing, TimeProvider clock, IOptions<EventOptions> options)
{
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:/\-]*$")]
    private static partial Regex TypePattern();

    public async Task<InboundEvent> ReceiveAsync(EventInput input, Actor actor, CancellationToken ct)
    {
        var (type, source, detail) = Validate(input);
        var now = clock.GetUtcNow().UtcDateTime;
        var ev = new InboundEvent(type, source, input.Time?.UtcDateTime ?? now, detail, now, actor.Name);
        db.Events.Add(ev);
        await db.SaveChangesAsync(ct);

        var rules = await db.EventRules.AsNoTracking().Where(r => r.Enabled && r.EventType == type).OrderBy(r => r.Id).ToListAsync(ct);
        using var document = JsonDocument.Parse(EventJson(ev));
        var results = new List<EventRuleResult>(rules.Count);
        foreach (var rule in rules) results.Add(await firing.FireAsync(rule, ev, document.RootElement, actor, ct));
        ev.Record(results);
        await db.SaveChangesAsync(ct);
        return ev;
    }

    /// <summary>The event as rules see it: <c>{"type", "source", "time", "detail"}</c>.</summary>
    public static string EventJson(InboundEvent ev) => new JsonObject
    {
        ["type"] = ev.Type,
        ["source"] = ev.Source,
        ["time"] = ev.Time.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["detail"] = JsonNode.Parse(ev.Detail),
    }.ToJsonString();

    private (string Type, string Source, string Detail) Validate(EventInput input)
    {
        var errors = new FieldErrors();
        var type = input.Type?.Trim() ?? "";
        var source = input.Source?.Trim() ?? "";
        if (type.Length == 0) errors.Add("type", "The event type is required, e.g. disk.usage.");
        else if (type.Length > InboundEvent.MaxTypeLength) errors.Add("type", $"The event type is longer than {InboundEvent.MaxTypeLength} characters.");
        else if (!TypePattern().IsMatch(type)) errors.Add("type", "The event type may hold letters, digits and . _ : / -, starting with a letter or digit (e.g. disk.usage).");
        if (source.Length == 0) errors.Add("source", "The source is required: who sends the event, e.g. prometheus-bj1.");
        else if (source.Length > InboundEvent.MaxSourceLength) errors.Add("source", $"The source is longer than {InboundEvent.MaxSourceLength} characters.");
        var detail = input.Detail?.ToJsonString() ?? "";
        if (input.Detail is null) errors.Add("detail", "The detail object is required (it may be empty: {}).");
        else if (detail.Length > options.Value.MaxDetailBytes) errors.Add("detail", $"The detail object is larger than {options.Value.MaxDetailBytes} bytes of JSON.");
        errors.ThrowIfAny();
        return (type, source, detail);
    }
}
