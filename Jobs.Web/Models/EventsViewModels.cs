using Jobs.Core.Domain;
using Jobs.Core.Events;

namespace Jobs.Web.Models;

/// <summary>The Events page: the search as typed (times as UTC <c>yyyy-MM-ddTHH:mm</c>) and one page of events.</summary>
public sealed class EventsViewModel
{
    public const int PageSize = 50;

    public string? Type { get; init; }
    public string? Source { get; init; }
    public EventOutcome? Outcome { get; init; }
    public DateTime? From { get; init; }
    public DateTime? To { get; init; }
    public int Page { get; init; } = 1;
    public required EventPage Events { get; init; }

    public int PageCount => Math.Max(1, (Events.Total + PageSize - 1) / PageSize);
    public bool Filtered => !string.IsNullOrWhiteSpace(Type) || !string.IsNullOrWhiteSpace(Source) || Outcome is not null || From is not null || To is not null;
}

/// <summary>The operator's wording and badge colour of event and rule outcomes (one place for both pages).</summary>
public static class EventText
{
    public static string Label(EventOutcome o) => o switch
    {
        EventOutcome.NoRule => "No rule",
        EventOutcome.NoMatch => "No match",
        EventOutcome.JobCreated => "Job created",
        EventOutcome.Throttled => "Throttled",
        EventOutcome.NotCreated => "Not created",
        _ => o.ToString(),
    };

    public static string Tone(EventOutcome o) => o switch
    {
        EventOutcome.JobCreated => "success",
        EventOutcome.Throttled => "warning",
        EventOutcome.NotCreated => "danger",
        _ => "secondary",
    };

    public static string Label(RuleOutcome o) => o switch
    {
        RuleOutcome.NotMatched => "No match",
        RuleOutcome.JobCreated => "Job created",
        RuleOutcome.Throttled => "Throttled",
        RuleOutcome.InvalidVariables => "Invalid variables",
        RuleOutcome.ScopeRefused => "Scope refused",
        RuleOutcome.Failed => "Failed",
        _ => o.ToString(),
    };

    public static string Tone(RuleOutcome o) => o switch
    {
        RuleOutcome.JobCreated => "success",
        RuleOutcome.Throttled => "warning",
        RuleOutcome.NotMatched => "secondary",
        _ => "danger",
    };

    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>JSON text laid out for reading (the page HTML-encodes it).</summary>
    public static string Pretty(string json) =>
        System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(json).RootElement, Indented);

    /// <summary>The value of a <c>datetime-local</c> input for a UTC time.</summary>
    public static string Input(DateTime? t) => t?.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
