using Jobs.Core.Filtering;

namespace Jobs.Core.Tests.Filtering;

public sealed class FilterParserTests
{
    private static FilterNode Parse(string text) => HostFilter.Parse(text).Root!;

    private static ComparisonNode Cmp(FilterField f, FilterOperator op, string v) => new(f, op, v);

    [Theory]
    [InlineData("env = prod", FilterOperator.Equal)]
    [InlineData("env != prod", FilterOperator.NotEqual)]
    [InlineData("env > prod", FilterOperator.Greater)]
    [InlineData("env < prod", FilterOperator.Less)]
    [InlineData("env >= prod", FilterOperator.GreaterOrEqual)]
    [InlineData("env <= prod", FilterOperator.LessOrEqual)]
    [InlineData("env ~ prod", FilterOperator.Matches)]
    [InlineData("env=prod", FilterOperator.Equal)]
    [InlineData("env!=prod", FilterOperator.NotEqual)]
    [InlineData("env>=prod", FilterOperator.GreaterOrEqual)]
    [InlineData("env<=prod", FilterOperator.LessOrEqual)]
    [InlineData("env~prod", FilterOperator.Matches)]
    public void Parse_EveryComparisonOperator_BuildsComparison(string text, FilterOperator op)
    {
        Assert.Equal(Cmp(FilterField.Env, op, "prod"), Parse(text));
    }

    [Fact]
    public void Parse_InAndNotIn_BuildListNodes()
    {
        Assert.Equal(new InNode(FilterField.App, ["order-api", "pay-api"], Negated: false), Parse("app in (order-api, pay-api)"));
        Assert.Equal(new InNode(FilterField.Idc, ["SH2"], Negated: true), Parse("idc NOT IN(SH2)"));
        Assert.Equal(new InNode(FilterField.App, ["a b", "c,d"], Negated: false), Parse("app in ('a b',\"c,d\")"));
    }

    [Fact]
    public void Parse_KeywordsAndFields_AreCaseInsensitive()
    {
        Assert.Equal(Parse("env = prod and not app in (x) or idc = a"), Parse("ENV = prod AND NoT App In (x) OR IDC = a"));
    }

    [Fact]
    public void Parse_NotBindsTighterThanAndWhichBindsTighterThanOr()
    {
        var a = Cmp(FilterField.Env, FilterOperator.Equal, "a");
        var b = Cmp(FilterField.Env, FilterOperator.Equal, "b");
        var c = Cmp(FilterField.Env, FilterOperator.Equal, "c");

        Assert.Equal(new OrNode(a, new AndNode(b, c)), Parse("env=a or env=b and env=c"));
        Assert.Equal(new OrNode(new AndNode(a, b), c), Parse("env=a and env=b or env=c"));
        Assert.Equal(new AndNode(new NotNode(a), b), Parse("not env=a and env=b"));
        Assert.Equal(new NotNode(new AndNode(a, b)), Parse("not (env=a and env=b)"));
        Assert.Equal(new AndNode(a, new OrNode(b, c)), Parse("env=a and (env=b or env=c)"));
        Assert.Equal(new OrNode(new OrNode(a, b), c), Parse("env=a or env=b or env=c"));
        Assert.Equal(new NotNode(new NotNode(a)), Parse("not not env=a"));
    }

    [Fact]
    public void Parse_IssueExample_BuildsExpectedTree()
    {
        var node = Parse("env=prod and app in (order-api, pay-api) and not hostname ~ \"^db-\" and idc != SH2");

        var expected = new AndNode(
            new AndNode(
                new AndNode(Cmp(FilterField.Env, FilterOperator.Equal, "prod"), new InNode(FilterField.App, ["order-api", "pay-api"], false)),
                new NotNode(Cmp(FilterField.Hostname, FilterOperator.Matches, "^db-"))),
            Cmp(FilterField.Idc, FilterOperator.NotEqual, "SH2"));
        Assert.Equal(expected, node);
    }

    [Theory]
    [InlineData("owner = \"Ops Team\"", "Ops Team")]
    [InlineData("owner = 'Ops Team'", "Ops Team")]
    [InlineData("owner = \"say \\\"hi\\\"\"", "say \"hi\"")]
    [InlineData("owner = 'it\\'s'", "it's")]
    [InlineData("owner = \"it's\"", "it's")]
    [InlineData("owner = 'a \"b\"'", "a \"b\"")]
    [InlineData("owner = \"back\\\\slash\"", "back\\slash")]
    [InlineData("hostname ~ \"^db-\\d+$\"", "^db-\\d+$")]
    [InlineData("owner = \"\"", "")]
    [InlineData("owner = \"and\"", "and")]
    [InlineData("app = order-api.v2_x", "order-api.v2_x")]
    [InlineData("ip = 10.1.2.3", "10.1.2.3")]
    public void Parse_QuotedAndBareValues_Unescaped(string text, string value)
    {
        var node = Assert.IsType<ComparisonNode>(Parse(text));
        Assert.Equal(value, node.Value);
    }

    [Theory]
    [InlineData("status = ONLINE", "online")]
    [InlineData("status != Maintenance", "maintenance")]
    public void Parse_Status_NormalisesToLowerCaseName(string text, string value)
    {
        Assert.Equal(value, Assert.IsType<ComparisonNode>(Parse(text)).Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \t ")]
    public void Parse_Blank_MatchesEverything(string? text)
    {
        var filter = HostFilter.Parse(text);
        Assert.True(filter.MatchesAll);
        Assert.Equal("", filter.Text);
    }

    [Theory]
    [InlineData("env=", 5, "expected a value after '=', found end of filter")]
    [InlineData("env=prod and idc=", 18, "expected a value after '='")]
    [InlineData("envv = prod", 1, "unknown field 'envv'; known fields: hostname, ip, idc, env, app, role, os, status, owner, tag")]
    [InlineData("env prod", 5, "expected an operator (=, !=, >, <, >=, <=, ~, in, not in) after 'env', found 'prod'")]
    [InlineData("env = prod and", 15, "expected a condition after 'and'")]
    [InlineData("env = prod or", 14, "expected a condition after 'or'")]
    [InlineData("not", 4, "expected a condition after 'not'")]
    [InlineData("(env = prod", 12, "expected ')' to close the '(' at character 1, found end of filter")]
    [InlineData("env = prod)", 11, "unexpected ')' without a matching '('")]
    [InlineData("env = prod idc = a", 12, "expected 'and', 'or' or the end of the filter, found 'idc'")]
    [InlineData("env = 'prod", 7, "the quoted value starting here is missing its closing '")]
    [InlineData("app in order-api", 8, "expected '(' after 'in', found 'order-api'")]
    [InlineData("app in ()", 9, "expected a value after '(', found ')'")]
    [InlineData("app in (a, )", 12, "expected a value after ',', found ')'")]
    [InlineData("app in (a b)", 11, "expected ',' or ')' in the list of 'app in' opened at character 8, found 'b'")]
    [InlineData("app not (a)", 9, "expected 'in' after 'not', found '('")]
    [InlineData("env ! prod", 5, "unexpected '!'; did you mean '!=' or 'not'?")]
    [InlineData("= prod", 1, "expected a field name (hostname, ip, idc, env, app, role, os, status, owner, tag), found '='")]
    [InlineData("()", 2, "expected a condition inside '( )'")]
    [InlineData("status = up", 10, "unknown status 'up'; expected online, offline, maintenance or retired")]
    [InlineData("status > online", 8, "'>' does not apply to status; use =, !=, in or not in")]
    [InlineData("status ~ on", 8, "'~' does not apply to status; use =, !=, in or not in")]
    [InlineData("tag >= canary", 5, "'>=' does not apply to tag; use =, !=, ~, in or not in")]
    [InlineData("status in (online, \"online,offline\")", 20, "unknown status 'online,offline'; expected online, offline, maintenance or retired")]
    [InlineData("env = prod and idc = SH2 &", 26, "expected 'and', 'or' or the end of the filter, found '&'")]
    [InlineData("env = prod\u0001", 11, "unexpected character U+0001")]
    public void Parse_Invalid_ReportsPositionAndExpectation(string text, int position, string problem)
    {
        var ex = Assert.Throws<FilterSyntaxException>(() => HostFilter.Parse(text));
        Assert.Equal(position, ex.Position);
        Assert.StartsWith($"at character {position}: {problem}", ex.Message);
    }

    [Fact]
    public void Parse_IssueErrorExample_NamesPosition14()
    {
        var ex = Assert.Throws<FilterSyntaxException>(() => HostFilter.Parse("env = prod or   app= "));
        Assert.Equal("at character 22: expected a value after '=', found end of filter", ex.Message);

        ex = Assert.Throws<FilterSyntaxException>(() => HostFilter.Parse("env=prod and x= a"));
        Assert.Equal(14, ex.Position);
    }

    [Theory]
    [InlineData("hostname ~ \"([a-z\"", "invalid regular expression")]
    [InlineData("hostname ~ \"a{2,1}\"", "invalid regular expression")]
    [InlineData("hostname ~ \"(?<=a)b\"", "'(?' groups other than '(?:'")]
    [InlineData("hostname ~ \"(?<n>a)\"", "'(?' groups other than '(?:'")]
    [InlineData("hostname ~ \"\\bweb\"", "word boundary")]
    [InlineData("hostname ~ \"[[:alpha:]]\"", "POSIX classes")]
    [InlineData("hostname ~ \"(a)\\1\"", "not supported")]
    [InlineData("tag ~ \"*x\"", "invalid regular expression")]
    public void Parse_BadOrNonPortableRegex_IsSyntaxErrorAtTheValue(string text, string problem)
    {
        var ex = Assert.Throws<FilterSyntaxException>(() => HostFilter.Parse(text));
        Assert.Equal(text.IndexOf('"') + 1, ex.Position);
        Assert.Contains(problem, ex.Message);
    }

    [Fact]
    public void Parse_DeepNesting_IsRejectedNotStackOverflow()
    {
        var text = new string('(', 2000) + "env=a" + new string(')', 2000);
        var ex = Assert.Throws<FilterSyntaxException>(() => HostFilter.Parse(text));
        Assert.Contains("nests deeper than", ex.Message);

        var nots = string.Concat(Enumerable.Repeat("not ", 3000)) + "env=a";
        Assert.Throws<FilterSyntaxException>(() => HostFilter.Parse(nots));
    }

    [Fact]
    public void TryParse_ReportsErrorWithoutThrowing()
    {
        Assert.False(HostFilter.TryParse("env =", out var filter, out var error));
        Assert.Null(filter);
        Assert.Equal(6, error.Position);

        Assert.True(HostFilter.TryParse("env = prod", out filter, out error));
        Assert.Null(error);
        Assert.Equal("env = prod", filter.Text);
    }

    [Theory]
    [InlineData("ENV=prod AND (app IN (a,b) OR NOT idc!=SH2)", "env = prod and (app in (a, b) or not idc != SH2)")]
    [InlineData("(env=a or env=b) or env=c", "env = a or env = b or env = c")]
    [InlineData("env=a or (env=b or env=c)", "env = a or (env = b or env = c)")]
    [InlineData("not (not env=a)", "not not env = a")]
    [InlineData("owner='Ops Team' and role=\"and\"", "owner = \"Ops Team\" and role = \"and\"")]
    [InlineData("hostname ~ '^db-\\d+'", "hostname ~ ^db-\\d+")]
    [InlineData("owner = \"a\\\\\"", "owner = a\\")]
    [InlineData("owner = \"a\\\\ b\"", "owner = \"a\\ b\"")]
    [InlineData("owner = \"x\\\\\\\"y\"", "owner = \"x\\\\\\\"y\"")]
    [InlineData("status in (ONLINE, Offline)", "status in (online, offline)")]
    public void Text_IsNormalised(string text, string normal)
    {
        var filter = HostFilter.Parse(text);
        Assert.Equal(normal, filter.Text);
        Assert.Equal(filter.Root, HostFilter.Parse(filter.Text).Root);
    }
}
