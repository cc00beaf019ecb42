using System.Linq.Expressions;
using System.Reflection;
using Jobs.Core.Domain;

namespace Jobs.Core.Filtering;

/// <summary>
/// Turns a tree into an <c>Expression&lt;Func&lt;Server, bool&gt;&gt;</c> that EF Core translates to SQL on both providers:
/// text columns are folded with <see cref="FilterDbFunctions.Fold"/> (hostnames and tags are stored lower-case and
/// compared directly, so their indexes apply), <c>~</c> becomes <see cref="FilterDbFunctions.RegexMatch"/> (SQLite
/// <c>regexp</c>, PostgreSQL <c>textregexeq</c>), tags become <c>EXISTS</c> sub-queries.
/// </summary>
internal static class FilterQueryTranslator
{
    private static readonly MethodInfo FoldMethod = typeof(FilterDbFunctions).GetMethod(nameof(FilterDbFunctions.Fold))!;
    private static readonly MethodInfo OrdinalMethod = typeof(FilterDbFunctions).GetMethod(nameof(FilterDbFunctions.Ordinal))!;
    private static readonly MethodInfo CompareMethod = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
    private static readonly MethodInfo RegexIsMatch = typeof(FilterDbFunctions).GetMethod(nameof(FilterDbFunctions.RegexMatch))!;
    private static readonly MethodInfo ContainsMethod = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2).MakeGenericMethod(typeof(string));
    private static readonly MethodInfo AnyMethod = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Any) && m.GetParameters().Length == 2).MakeGenericMethod(typeof(ServerTag));

    public static Expression<Func<Server, bool>> ToPredicate(FilterNode node)
    {
        var server = Expression.Parameter(typeof(Server), "s");
        return Expression.Lambda<Func<Server, bool>>(Build(node, server), server);
    }

    private static Expression Build(FilterNode node, ParameterExpression s) => node switch
    {
        OrNode or => Expression.OrElse(Build(or.Left, s), Build(or.Right, s)),
        AndNode and => Expression.AndAlso(Build(and.Left, s), Build(and.Right, s)),
        NotNode not => Expression.Not(Build(not.Operand, s)),
        ComparisonNode c => Comparison(c, s),
        InNode @in => @in.Negated ? Expression.Not(In(@in, s)) : In(@in, s),
        _ => throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name),
    };

    private static Expression Comparison(ComparisonNode c, ParameterExpression s)
    {
        switch (c.Field)
        {
            case FilterField.Tag:
                var any = c.Operator == FilterOperator.Matches
                    ? AnyTag(s, name => Expression.Call(RegexIsMatch, name, Expression.Constant(PortableRegex.Effective(c.Value))))
                    : AnyTag(s, name => Expression.Equal(name, Expression.Constant(FilterText.Fold(c.Value))));
                return c.Operator == FilterOperator.NotEqual ? Expression.Not(any) : any;
            case FilterField.Status:
                var equal = StatusEquals(s, c.Value);
                return c.Operator == FilterOperator.NotEqual ? Expression.Not(equal) : equal;
        }

        var column = Column(c.Field, s);
        if (c.Operator == FilterOperator.Matches)
            return Expression.Call(RegexIsMatch, column, Expression.Constant(PortableRegex.Effective(c.Value)));

        var folded = Folded(c.Field, column);
        var value = Expression.Constant(FilterText.Fold(c.Value));
        switch (c.Operator)
        {
            case FilterOperator.Equal:
                return Expression.Equal(folded, value);
            case FilterOperator.NotEqual:
                return Expression.NotEqual(folded, value);
        }
        // string.Compare(a, b) > 0 is how EF spells a > b for strings; Ordinal pins the collation on PostgreSQL.
        var compare = Expression.Call(CompareMethod, Expression.Call(OrdinalMethod, folded), value);
        var zero = Expression.Constant(0);
        return c.Operator switch
        {
            FilterOperator.Greater => Expression.GreaterThan(compare, zero),
            FilterOperator.Less => Expression.LessThan(compare, zero),
            FilterOperator.GreaterOrEqual => Expression.GreaterThanOrEqual(compare, zero),
            _ => Expression.LessThanOrEqual(compare, zero),
        };
    }

    private static Expression In(InNode node, ParameterExpression s)
    {
        var values = node.Values.Select(FilterText.Fold).Distinct(StringComparer.Ordinal).ToArray();
        switch (node.Field)
        {
            case FilterField.Tag:
                return AnyTag(s, name => Expression.Call(ContainsMethod, Expression.Constant(values), name));
            case FilterField.Status:
                return values.Select(v => StatusEquals(s, v)).Aggregate(Expression.OrElse);
        }
        var column = Column(node.Field, s);
        return Expression.Call(ContainsMethod, Expression.Constant(values), Folded(node.Field, column));
    }

    private static Expression StatusEquals(ParameterExpression s, string status) =>
        Expression.Equal(Expression.Property(s, nameof(Server.Status)),
            Expression.Constant(Enum.Parse<ServerStatus>(status, ignoreCase: true)));

    private static Expression AnyTag(ParameterExpression s, Func<Expression, Expression> predicate)
    {
        var tag = Expression.Parameter(typeof(ServerTag), "t");
        var body = predicate(Expression.Property(tag, nameof(ServerTag.Name)));
        return Expression.Call(AnyMethod, Expression.Property(s, nameof(Server.Tags)), Expression.Lambda<Func<ServerTag, bool>>(body, tag));
    }

    /// <summary>Hostnames are stored lower-case by <see cref="Server"/>, so folding them would only hide the unique index.</summary>
    private static Expression Folded(FilterField field, Expression column) =>
        field == FilterField.Hostname ? column : Expression.Call(FoldMethod, column);

    private static MemberExpression Column(FilterField field, ParameterExpression s) => Expression.Property(s, field switch
    {
        FilterField.Hostname => nameof(Server.Hostname),
        FilterField.Ip => nameof(Server.Ip),
        FilterField.Idc => nameof(Server.Idc),
        FilterField.Env => nameof(Server.Env),
        FilterField.App => nameof(Server.App),
        FilterField.Role => nameof(Server.Role),
        FilterField.Os => nameof(Server.Os),
        FilterField.Owner => nameof(Server.Owner),
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    });
}
