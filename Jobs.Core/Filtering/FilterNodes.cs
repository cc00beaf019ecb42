namespace Jobs.Core.Filtering;

/// <summary>
/// The syntax tree of a host filter. Binary nodes are left-associative as parsed (<c>a or b or c</c> is
/// <c>Or(Or(a, b), c)</c>); values are kept as written (case included), quotes and escapes removed.
/// </summary>
public abstract record FilterNode;

public sealed record OrNode(FilterNode Left, FilterNode Right) : FilterNode;

public sealed record AndNode(FilterNode Left, FilterNode Right) : FilterNode;

public sealed record NotNode(FilterNode Operand) : FilterNode;

/// <summary><c>field op value</c>. For <see cref="FilterField.Status"/> the value is the lower-case status name.</summary>
public sealed record ComparisonNode(FilterField Field, FilterOperator Operator, string Value) : FilterNode;

/// <summary><c>field in (a, b)</c> or, when <paramref name="Negated"/>, <c>field not in (a, b)</c>.</summary>
public sealed record InNode(FilterField Field, IReadOnlyList<string> Values, bool Negated) : FilterNode
{
    public bool Equals(InNode? other) =>
        other is not null && Field == other.Field && Negated == other.Negated && Values.SequenceEqual(other.Values);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Field);
        hash.Add(Negated);
        foreach (var v in Values) hash.Add(v);
        return hash.ToHashCode();
    }
}
