using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using Jobs.Core.Domain;

namespace Jobs.Core.Filtering;

/// <summary>
/// A parsed host filter such as <c>env=prod and app in (order-api, pay-api) and not hostname ~ "^db-" and idc != SH2</c>.
/// </summary>
/// <remarks>
/// <para>Fields: hostname, ip, idc, env, app, role, os, status, owner, tag. Operators: <c>= != &gt; &lt; &gt;= &lt;= ~</c>,
/// <c>in (…)</c>, <c>not in (…)</c>, combined with <c>not</c> (tightest), <c>and</c>, <c>or</c> (loosest) and
/// parentheses. Keywords and field names are case-insensitive. Values are bare words or quoted with <c>"</c> or
/// <c>'</c> (a backslash escapes a quote or a backslash).</para>
/// <para>Semantics, identical in SQL (SQLite and PostgreSQL) and in <see cref="Matches"/>:</para>
/// <list type="bullet">
/// <item>Comparisons are case-insensitive for ASCII letters: <c>idc = sh2</c> matches <c>SH2</c>.</item>
/// <item><c>&gt; &lt; &gt;= &lt;=</c> compare strings ordinally (by code point after ASCII case folding), whatever
/// the database collation: <c>hostname &gt;= web-100</c> is text order, so <c>ip &gt; 10.0.0.9</c> is <b>not</b> a
/// numeric IP comparison.</item>
/// <item><c>~</c> is a case-insensitive, unanchored regular expression in the portable subset described by
/// <see cref="PortableRegex"/>; a bad or non-portable pattern is a parse error.</item>
/// <item><c>tag = canary</c> means the server has that tag, <c>tag != canary</c> that it does not, <c>tag ~ x</c> that some
/// tag matches, <c>tag in (a, b)</c> that it has at least one of them.</item>
/// <item><c>status</c> takes <c>online</c>, <c>offline</c> or <c>maintenance</c> with <c>= != in</c> and <c>not in</c>.</item>
/// <item><c>a != b</c> is exactly <c>not a = b</c>.</item>
/// </list>
/// <para>A blank filter matches every server.</para>
/// </remarks>
public sealed class HostFilter
{
    private Expression<Func<Server, bool>>? _predicate;

    private HostFilter(FilterNode? root)
    {
        Root = root;
        Text = root is null ? "" : FilterPrinter.Print(root);
    }

    /// <summary>The filter that matches every server.</summary>
    public static HostFilter All { get; } = new(null);

    /// <summary>The normalised text (lower-case keywords, canonical spacing and quoting); parses back to the same filter.</summary>
    public string Text { get; }

    /// <summary>The syntax tree; null for the match-everything filter.</summary>
    public FilterNode? Root { get; }

    /// <summary>True when the filter is blank and matches every server.</summary>
    public bool MatchesAll => Root is null;

    /// <summary>Parses a filter; null or blank text matches every server.</summary>
    /// <exception cref="FilterSyntaxException">The text is not a valid filter; the message names the position.</exception>
    public static HostFilter Parse(string? text) =>
        string.IsNullOrWhiteSpace(text) ? All : new HostFilter(FilterParser.Parse(text));

    public static bool TryParse(string? text, [NotNullWhen(true)] out HostFilter? filter,
        [NotNullWhen(false)] out FilterSyntaxException? error)
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

    /// <summary>The predicate as an expression tree EF Core translates; null when the filter matches everything.</summary>
    public Expression<Func<Server, bool>>? Predicate =>
        Root is null ? null : _predicate ??= FilterQueryTranslator.ToPredicate(Root);

    /// <summary>Restricts a query of servers; the condition is translated to SQL and runs in the database.</summary>
    public IQueryable<Server> Apply(IQueryable<Server> servers) =>
        Predicate is { } predicate ? servers.Where(predicate) : servers;

    /// <summary>
    /// Evaluates the filter against one server in memory, with the same semantics as <see cref="Apply"/>.
    /// Tag conditions read <see cref="Server.Tags"/>, so load them (<c>Include(s =&gt; s.Tags)</c>) first.
    /// </summary>
    public bool Matches(Server server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return Root is null || FilterEvaluator.Evaluate(Root, server);
    }

    /// <summary>This filter and <c>field = value</c> (a drill-down from a grouped count).</summary>
    public HostFilter Narrow(FilterField field, string value)
    {
        var condition = new ComparisonNode(field, FilterOperator.Equal,
            field == FilterField.Status ? value.ToLowerInvariant() : value);
        return new HostFilter(Root is null ? condition : new AndNode(Root, condition));
    }

    public override string ToString() => Text;
}
