using Jobs.Core.Domain;

namespace Jobs.Core.Filtering;

/// <summary>Evaluates a tree against one server in memory, with the semantics the SQL translation has.</summary>
internal static class FilterEvaluator
{
    public static bool Evaluate(FilterNode node, Server server) => node switch
    {
        OrNode or => Evaluate(or.Left, server) || Evaluate(or.Right, server),
        AndNode and => Evaluate(and.Left, server) && Evaluate(and.Right, server),
        NotNode not => !Evaluate(not.Operand, server),
        ComparisonNode c => Compare(c, server),
        InNode @in => In(@in, server) != @in.Negated,
        _ => throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name),
    };

    private static bool Compare(ComparisonNode c, Server server)
    {
        if (c.Field == FilterField.Tag)
        {
            return c.Operator switch
            {
                FilterOperator.Equal => HasTag(server, c.Value),
                FilterOperator.NotEqual => !HasTag(server, c.Value),
                _ => server.Tags.Any(t => PortableRegex.IsMatch(t.Name, c.Value)),
            };
        }
        var actual = Value(c.Field, server);
        return c.Operator switch
        {
            FilterOperator.Equal => FilterText.Compare(actual, c.Value) == 0,
            FilterOperator.NotEqual => FilterText.Compare(actual, c.Value) != 0,
            FilterOperator.Greater => FilterText.Compare(actual, c.Value) > 0,
            FilterOperator.Less => FilterText.Compare(actual, c.Value) < 0,
            FilterOperator.GreaterOrEqual => FilterText.Compare(actual, c.Value) >= 0,
            FilterOperator.LessOrEqual => FilterText.Compare(actual, c.Value) <= 0,
            FilterOperator.Matches => PortableRegex.IsMatch(actual, c.Value),
            _ => throw new ArgumentOutOfRangeException(nameof(c)),
        };
    }

    private static bool In(InNode node, Server server) => node.Field == FilterField.Tag
        ? node.Values.Any(v => HasTag(server, v))
        : node.Values.Any(v => FilterText.Compare(Value(node.Field, server), v) == 0);

    private static bool HasTag(Server server, string tag)
    {
        var folded = FilterText.Fold(tag);
        return server.Tags.Any(t => FilterText.Fold(t.Name) == folded);
    }

    internal static string Value(FilterField field, Server s) => field switch
    {
        FilterField.Hostname => s.Hostname,
        FilterField.Ip => s.Ip,
        FilterField.Idc => s.Idc,
        FilterField.Env => s.Env,
        FilterField.App => s.App,
        FilterField.Role => s.Role,
        FilterField.Os => s.Os,
        FilterField.Status => s.Status.ToString().ToLowerInvariant(),
        FilterField.Owner => s.Owner,
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };
}
