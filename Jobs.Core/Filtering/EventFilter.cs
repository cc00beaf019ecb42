using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Jobs.Core.Filtering;

/// <summary>
/// A rule's match expression over an event, in the host filter's language with event fields instead of server fields:
/// <c>detail.code = 1 and detail.usage &gt; 90 and detail.host ~ "^web-"</c>.
/// </summary>
/// <remarks>
/// <para>Same grammar, operators, case-insensitive text comparison and portable, non-backtracking regular expressions
/// as <see cref="HostFilter"/>. What differs is the value a field has (<see cref="EventFilterEvaluator"/>): a JSON
/// number compares with a number as a number (<c>detail.usage &gt; 90</c> is true for 95.5, where text order would
/// say "95.5" &lt; "90"); a JSON string compares as text, even when it looks like a number; <c>true</c>/<c>false</c>
/// compare as those words. A field the event lacks (or <c>null</c>) equals nothing: <c>=</c>, <c>&gt;</c>, <c>~</c>,
/// <c>in</c> are false, <c>!=</c> and <c>not in</c> true (<c>a != b</c> stays exactly <c>not a = b</c>).</para>
/// <para>A blank expression matches every event of the rule's type.</para>
/// </remarks>
public sealed class EventFilter
{
    private EventFilter(FilterNode? root)
    {
        Root = root;
        Text = root is null ? "" : FilterPrinter.Print(root);
    }

    public static EventFilter All { get; } = new(null);

    /// <summary>The normalised text; parses back to the same expression.</summary>
    public string Text { get; }

    public FilterNode? Root { get; }

    /// <exception cref="FilterSyntaxException">The text is not a valid expression; the message names the position.</exception>
    public static EventFilter Parse(string? text) =>
        string.IsNullOrWhiteSpace(text) ? All : new EventFilter(FilterParser.Parse(text, EventVocabulary.Instance));

    public static bool TryParse(string? text, [NotNullWhen(true)] out EventFilter? filter, [NotNullWhen(false)] out FilterSyntaxException? error)
    {
        try
        {
            filter = Parse(text);
            error = null;
            return true;
        }
        catch (FilterSyntaxException ex)
        {
            filter = null;
            error = ex;
            return false;
        }
    }

    /// <summary>Whether the event — a JSON object with <c>type</c>, <c>source</c> and <c>detail</c> — matches.</summary>
    public bool Matches(JsonElement @event) => Root is null || EventFilterEvaluator.Evaluate(Root, @event);

    public override string ToString() => Text;
}
