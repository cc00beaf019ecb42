namespace Jobs.Core.Filtering;

/// <summary>
/// <c>detail.usage &gt; 90</c>: a condition on one field of an event, named by its path (<c>type</c>, <c>source</c>,
/// <c>detail.a.b</c>, <c>detail.items.0</c>).
/// </summary>
public sealed record PathComparisonNode(string Path, FilterOperator Operator, string Value) : FilterNode;

/// <summary><c>detail.host in (a, b)</c> or, when <paramref name="Negated"/>, <c>not in</c>.</summary>
public sealed record PathInNode(string Path, IReadOnlyList<string> Values, bool Negated) : FilterNode
{
    public bool Equals(PathInNode? other) =>
        other is not null && Path == other.Path && Negated == other.Negated && Values.SequenceEqual(other.Values);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Path);
        hash.Add(Negated);
        foreach (var v in Values) hash.Add(v);
        return hash.ToHashCode();
    }
}

/// <summary>
/// The fields of an event: <c>type</c>, <c>source</c> (case-insensitive names) and <c>detail.&lt;key&gt;…</c>, a path
/// into the event's <c>detail</c> object whose keys are case-sensitive, as in the JSON. Every operator applies.
/// </summary>
internal sealed class EventVocabulary : IFilterVocabulary
{
    public const int MaxPathLength = 200;

    public static EventVocabulary Instance { get; } = new();

    public string KnownFields => "type, source, detail.<name>";

    public void CheckField(Token field) => Path(field);

    public void CheckOperator(Token field, FilterOperator op, Token opToken)
    {
    }

    public string CheckValue(Token field, Token value) => value.Text;

    public FilterNode Comparison(Token field, FilterOperator op, string value) => new PathComparisonNode(Path(field), op, value);

    public FilterNode List(Token field, IReadOnlyList<string> values, bool negated) => new PathInNode(Path(field), values, negated);

    /// <summary>The normal form of a field path, or a <see cref="FilterSyntaxException"/> naming what is wrong.</summary>
    private static string Path(Token token)
    {
        var text = token.Text;
        if (text.Equals("type", StringComparison.OrdinalIgnoreCase)) return "type";
        if (text.Equals("source", StringComparison.OrdinalIgnoreCase)) return "source";
        if (!text.StartsWith("detail.", StringComparison.OrdinalIgnoreCase))
            throw new FilterSyntaxException(token.Position, $"unknown field '{text}'; an event has type, source and detail.<name> (e.g. detail.host)");
        if (text.Length > MaxPathLength)
            throw new FilterSyntaxException(token.Position, $"the field path is longer than {MaxPathLength} characters");
        var rest = text["detail.".Length..];
        if (rest.Split('.').Any(s => s.Length == 0))
            throw new FilterSyntaxException(token.Position, $"'{text}' has an empty name between dots");
        return "detail." + rest;
    }
}
