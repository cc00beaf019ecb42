using Jobs.Core.Domain;

namespace Jobs.Core.Filtering;

/// <summary>
/// The fields one filter language may name and the leaves it builds: the host filter's fixed server fields
/// (<see cref="HostVocabulary"/>) or an event's JSON paths (<see cref="EventVocabulary"/>). The grammar is shared.
/// </summary>
internal interface IFilterVocabulary
{
    /// <summary>The field names for "expected a field name (…)".</summary>
    string KnownFields { get; }

    /// <summary>Throws a <see cref="FilterSyntaxException"/> when the word names no field.</summary>
    void CheckField(Token field);

    /// <summary>Throws when <paramref name="op"/> does not apply to the field.</summary>
    void CheckOperator(Token field, FilterOperator op, Token opToken);

    /// <summary>The value as the tree keeps it; throws when the field does not take it.</summary>
    string CheckValue(Token field, Token value);

    FilterNode Comparison(Token field, FilterOperator op, string value);

    FilterNode List(Token field, IReadOnlyList<string> values, bool negated);
}

/// <summary>Server fields: hostname, ip, idc, env, app, role, os, status, owner, tag.</summary>
internal sealed class HostVocabulary : IFilterVocabulary
{
    public static HostVocabulary Instance { get; } = new();

    public string KnownFields => FilterNames.KnownFields;

    public void CheckField(Token field) => Field(field);

    public void CheckOperator(Token fieldToken, FilterOperator op, Token opToken)
    {
        var field = Field(fieldToken);
        var allowed = field switch
        {
            FilterField.Status => op is FilterOperator.Equal or FilterOperator.NotEqual,
            FilterField.Tag => op is FilterOperator.Equal or FilterOperator.NotEqual or FilterOperator.Matches,
            _ => true,
        };
        if (!allowed)
        {
            var ops = field == FilterField.Status ? "=, !=, in or not in" : "=, !=, ~, in or not in";
            throw new FilterSyntaxException(opToken.Position, $"'{opToken.Text}' does not apply to {field.Name()}; use {ops}");
        }
    }

    public string CheckValue(Token fieldToken, Token valueToken)
    {
        if (Field(fieldToken) != FilterField.Status) return valueToken.Text;
        foreach (var status in Enum.GetValues<ServerStatus>())
        {
            var name = status.ToString().ToLowerInvariant();
            if (name.Equals(valueToken.Text, StringComparison.OrdinalIgnoreCase)) return name;
        }
        throw new FilterSyntaxException(valueToken.Position,
            $"unknown status '{valueToken.Text}'; expected online, offline, maintenance or retired");
    }

    public FilterNode Comparison(Token field, FilterOperator op, string value) => new ComparisonNode(Field(field), op, value);

    public FilterNode List(Token field, IReadOnlyList<string> values, bool negated) => new InNode(Field(field), values, negated);

    private static FilterField Field(Token token) => FilterNames.TryField(token.Text, out var field)
        ? field
        : throw new FilterSyntaxException(token.Position, $"unknown field '{token.Text}'; known fields: {FilterNames.KnownFields}");
}
