using Jobs.Core.Filtering;

namespace Jobs.Core.Tests.Filtering;

/// <summary>Random but seeded syntax trees, with values drawn from a pool so some of them match real data.</summary>
internal sealed class RandomFilters(int seed, IReadOnlyList<string> values, IReadOnlyList<string> patterns)
{
    private static readonly FilterField[] TextFields =
        [FilterField.Hostname, FilterField.Ip, FilterField.Idc, FilterField.Env, FilterField.App, FilterField.Role, FilterField.Os, FilterField.Owner];

    private readonly Random _random = new(seed);

    public FilterNode Next(int depth = 0)
    {
        var roll = _random.Next(depth >= 4 ? 4 : 10);
        return roll switch
        {
            < 4 => Leaf(),
            < 6 => new AndNode(Next(depth + 1), Next(depth + 1)),
            < 8 => new OrNode(Next(depth + 1), Next(depth + 1)),
            _ => new NotNode(Next(depth + 1)),
        };
    }

    private FilterNode Leaf()
    {
        switch (_random.Next(8))
        {
            case 0:
                return _random.Next(2) == 0
                    ? new ComparisonNode(FilterField.Status, _random.Next(2) == 0 ? FilterOperator.Equal : FilterOperator.NotEqual, Status())
                    : new InNode(FilterField.Status, [Status(), Status()], _random.Next(2) == 0);
            case 1:
                return _random.Next(3) switch
                {
                    0 => new ComparisonNode(FilterField.Tag, _random.Next(2) == 0 ? FilterOperator.Equal : FilterOperator.NotEqual, Value()),
                    1 => new ComparisonNode(FilterField.Tag, FilterOperator.Matches, Pattern()),
                    _ => new InNode(FilterField.Tag, Values(), _random.Next(2) == 0),
                };
            case 2:
                return new InNode(TextField(), Values(), _random.Next(2) == 0);
            case 3:
                return new ComparisonNode(TextField(), FilterOperator.Matches, Pattern());
            default:
                var op = (FilterOperator)_random.Next(6);
                return new ComparisonNode(TextField(), op, Value());
        }
    }

    private FilterField TextField() => TextFields[_random.Next(TextFields.Length)];

    private string Status() => _random.Next(3) switch { 0 => "online", 1 => "offline", _ => "maintenance" };

    private string Value()
    {
        var v = values[_random.Next(values.Count)];
        // Flip case now and then: comparisons are case-insensitive for ASCII.
        return _random.Next(4) == 0 ? v.ToUpperInvariant() : v;
    }

    private List<string> Values() => Enumerable.Range(0, 1 + _random.Next(4)).Select(_ => Value()).ToList();

    private string Pattern() => patterns[_random.Next(patterns.Count)];
}
