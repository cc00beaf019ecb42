using System.Text.Json;
using System.Text.RegularExpressions;
using Jobs.Core.Filtering;

namespace Jobs.Core.Events;

/// <summary>
/// <c>{{event.type}}</c>, <c>{{event.source}}</c>, <c>{{event.time}}</c> and <c>{{event.detail.&lt;path&gt;}}</c> in a
/// rule's variable mapping and bucket key, rendered from the event's JSON (the same paths as match expressions).
/// </summary>
public static partial class EventPlaceholders
{
    [GeneratedRegex(@"\{\{\s*([^{}]*?)\s*\}\}")]
    private static partial Regex Pattern();

    /// <summary>Placeholders in <paramref name="text"/> that are not <c>event.…</c> fields, each with why.</summary>
    public static IEnumerable<string> Problems(string text)
    {
        foreach (Match m in Pattern().Matches(text))
        {
            var name = m.Groups[1].Value;
            if (Path(name) is null)
                yield return $"'{{{{{name}}}}}' is not an event field; use {{{{event.type}}}}, {{{{event.source}}}}, {{{{event.time}}}} or {{{{event.detail.<name>}}}}.";
        }
    }

    /// <summary>The text with every placeholder replaced by the event's value; <paramref name="missing"/> names the
    /// fields the event lacks (rendered empty).</summary>
    public static string Render(string text, JsonElement @event, out IReadOnlyList<string> missing)
    {
        var absent = new List<string>();
        var rendered = Pattern().Replace(text, m =>
        {
            var path = Path(m.Groups[1].Value);
            if (path is not null && EventPath.Resolve(@event, path) is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } value)
                return EventPath.Text(value);
            absent.Add(m.Groups[1].Value);
            return "";
        });
        missing = absent;
        return rendered;
    }

    /// <summary>The JSON path of a placeholder name (<c>event.detail.host</c> → <c>detail.host</c>), or null.</summary>
    private static string? Path(string name)
    {
        if (!name.StartsWith("event.", StringComparison.Ordinal)) return null;
        var path = name["event.".Length..];
        if (path is "type" or "source" or "time") return path;
        return path.StartsWith("detail.", StringComparison.Ordinal) && path.Split('.').All(s => s.Length > 0) ? path : null;
    }
}
