namespace Jobs.Core.Filtering;

/// <summary>The server attributes a filter can test.</summary>
public enum FilterField
{
    Hostname,
    Ip,
    Idc,
    Env,
    App,
    Role,
    Os,
    Status,
    Owner,
    /// <summary><c>tag = canary</c>: the server has that tag.</summary>
    Tag,
}

/// <summary>The comparison operators; <c>in</c> / <c>not in</c> are <see cref="InNode"/>.</summary>
public enum FilterOperator
{
    Equal,
    NotEqual,
    Greater,
    Less,
    GreaterOrEqual,
    LessOrEqual,
    /// <summary><c>~</c>: a regular expression matches somewhere in the value.</summary>
    Matches,
}

internal static class FilterNames
{
    public static readonly IReadOnlyList<string> Fields =
        ["hostname", "ip", "idc", "env", "app", "role", "os", "status", "owner", "tag"];

    public static string KnownFields => string.Join(", ", Fields);

    public static string Name(this FilterField field) => Fields[(int)field];

    public static bool TryField(string word, out FilterField field)
    {
        for (var i = 0; i < Fields.Count; i++)
        {
            if (string.Equals(Fields[i], word, StringComparison.OrdinalIgnoreCase))
            {
                field = (FilterField)i;
                return true;
            }
        }
        field = default;
        return false;
    }

    public static string Symbol(this FilterOperator op) => op switch
    {
        FilterOperator.Equal => "=",
        FilterOperator.NotEqual => "!=",
        FilterOperator.Greater => ">",
        FilterOperator.Less => "<",
        FilterOperator.GreaterOrEqual => ">=",
        FilterOperator.LessOrEqual => "<=",
        FilterOperator.Matches => "~",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    public static bool IsKeyword(string word) =>
        word.Equals("and", StringComparison.OrdinalIgnoreCase) || word.Equals("or", StringComparison.OrdinalIgnoreCase)
        || word.Equals("not", StringComparison.OrdinalIgnoreCase) || word.Equals("in", StringComparison.OrdinalIgnoreCase);
}
