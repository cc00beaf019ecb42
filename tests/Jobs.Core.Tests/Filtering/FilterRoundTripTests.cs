using Jobs.Core.Filtering;

namespace Jobs.Core.Tests.Filtering;

public sealed class FilterRoundTripTests
{
    // Values chosen to stress the printer: keywords, quotes, backslashes, spaces, operators, empty, non-ASCII.
    private static readonly string[] Values =
    [
        "prod", "order-api", "SH2", "10.0.0.1", "and", "OR", "not", "In", "a b", "", "it's", "say \"hi\"", "back\\slash",
        "end\\", "\\\\", "x=y", "(paren)", "a,b", "tab\there", "ünïcödé", "~", "!=", "'", "\"", "web-01.example.com",
    ];

    private static readonly string[] Patterns = ["^web-", "\\d+$", "api", "^(db|cache)-[0-9]+", "x\\.y", "[a-c]", "\"q\"", "back\\\\"];

    [Fact]
    public void PrintThenParse_RandomTrees_GivesEqualTree()
    {
        var random = new RandomFilters(seed: 4242, Values, Patterns);
        for (var i = 0; i < 5000; i++)
        {
            var tree = random.Next();
            var text = HostFilter.Parse(FilterPrinter.Print(tree)).Text;

            var reparsed = HostFilter.Parse(text);
            Assert.True(tree.Equals(reparsed.Root), $"round trip #{i} changed the tree: {text}");
            Assert.Equal(text, reparsed.Text);
        }
    }

    [Fact]
    public void PrintThenParse_KeepsMeaningOnSampleServers()
    {
        // The tree equality above is the real check; this one guards against an equality bug hiding a printer bug.
        var random = new RandomFilters(seed: 7, Values, Patterns);
        var servers = FilterTestData.Servers(seed: 11, count: 60);
        for (var i = 0; i < 300; i++)
        {
            var original = HostFilter.Parse(FilterPrinter.Print(random.Next()));
            var again = HostFilter.Parse(original.Text);
            Assert.Equal(servers.Select(original.Matches), servers.Select(again.Matches));
        }
    }
}
