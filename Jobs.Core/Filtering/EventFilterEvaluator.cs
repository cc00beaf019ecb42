using System.Globalization;
using System.Text.Json;

namespace Jobs.Core.Filtering;

/// <summary>Evaluates an <see cref="EventFilter"/> tree against an event's JSON, with the semantics its remarks describe.</summary>
internal static class EventFilterEvaluator
{
    public static bool Evaluate(FilterNode node, JsonElement @event) => node switch
    {
        OrNode or => Evaluate(or.Left, @event) || Evaluate(or.Right, @event),
        AndNode and => Evaluate(and.Left, @event) && Evaluate(and.Right, @event),
        NotNode not => !Evaluate(not.Operand, @event),
        PathComparisonNode c => Compare(EventPath.Resolve(@event, c.Path), c.Operator, c.Value),
        PathInNode @in => @in.Values.Any(v => Compare(EventPath.Resolve(@event, @in.Path), FilterOperator.Equal, v)) != @in.Negated,
        _ => throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name),
    };

    private static bool Compare(JsonElement? actual, FilterOperator op, string literal)
    {
        if (actual is not { } value || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            return op == FilterOperator.NotEqual;
        if (op == FilterOperator.Matches) return PortableRegex.IsMatch(EventPath.Text(value), literal);
        var order = value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && TryNumber(literal, out var expected)
            ? number.CompareTo(expected)
            : FilterText.Compare(EventPath.Text(value), literal);
        return op switch
        {
            FilterOperator.Equal => order == 0,
            FilterOperator.NotEqual => order != 0,
            FilterOperator.Greater => order > 0,
            FilterOperator.Less => order < 0,
            FilterOperator.GreaterOrEqual => order >= 0,
            FilterOperator.LessOrEqual => order <= 0,
            _ => throw new ArgumentOutOfRangeException(nameof(op)),
        };
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}

/// <summary>Fields of an event's JSON by path (<c>type</c>, <c>detail.disk.usage</c>, <c>detail.hosts.0</c>); shared by rule
/// expressions and the <c>{{event.…}}</c> placeholders of rules.</summary>
public static class EventPath
{
    /// <summary>The element at <paramref name="path"/> (dot-separated; a number indexes an array), or null.</summary>
    public static JsonElement? Resolve(JsonElement root, string path)
    {
        var current = root;
        foreach (var segment in path.Split('.'))
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var child))
                current = child;
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < current.GetArrayLength())
                current = current[i];
            else
                return null;
        }
        return current;
    }

    /// <summary>A value as text: a string as itself, anything else as its JSON (<c>95.5</c>, <c>true</c>, <c>{"a":1}</c>).</summary>
    public static string Text(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
