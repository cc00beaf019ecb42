using System.Text.Json;
using Jobs.Core.Filtering;

namespace Jobs.Core.Tests.Filtering;

/// <summary>Rule match expressions over an event's JSON (issue 14): the host filter's parser with event fields.</summary>
public sealed class EventFilterTests
{
    private static readonly JsonElement DiskAlert = JsonDocument.Parse("""
        {"type": "disk.usage", "source": "prometheus",
         "detail": {"code": 1, "usage": 95.5, "host": "web-bj1-prod-007", "app": "order-api", "text": "90", "ok": false,
                    "disks": [{"mount": "/data"}], "nothing": null}}
        """).RootElement;

    private static bool Matches(string expression) => EventFilter.Parse(expression).Matches(DiskAlert);

    [Theory]
    [InlineData("detail.code = 1 and detail.usage > 90 and detail.host ~ \"^web-\"", true)]
    [InlineData("detail.usage > 90", true)]
    [InlineData("detail.usage > 100", false)]
    [InlineData("detail.usage >= 95.5", true)]
    [InlineData("detail.usage < 100", true)]
    [InlineData("detail.usage = 95.50", true)]
    [InlineData("detail.code in (1, 2)", true)]
    [InlineData("detail.code not in (1, 2)", false)]
    [InlineData("type = DISK.USAGE", true)]
    [InlineData("source != prometheus", false)]
    [InlineData("detail.host ~ \"-prod-\\d+$\"", true)]
    [InlineData("detail.ok = false", true)]
    [InlineData("detail.disks.0.mount = /data", true)]
    [InlineData("not (detail.app = order-api or detail.code = 2)", false)]
    public void Matches_NumbersAsNumbersTextAsText(string expression, bool expected) => Assert.Equal(expected, Matches(expression));

    [Fact]
    public void Matches_NumberAsTextWouldDiffer_ComparesNumerically()
    {
        // In text order "95.5" < "100"; as numbers it is less too, but "95.5" > "100" is false only numerically.
        Assert.False(Matches("detail.usage > 100"));
        Assert.True(Matches("detail.usage < 100"));
        // A JSON string that looks like a number stays text: "90" > "100" in text order.
        Assert.True(Matches("detail.text > 100"));
    }

    [Theory]
    [InlineData("detail.missing = 1", false)]
    [InlineData("detail.missing != 1", true)]
    [InlineData("detail.missing > 1", false)]
    [InlineData("detail.missing ~ x", false)]
    [InlineData("detail.missing in (1)", false)]
    [InlineData("detail.missing not in (1)", true)]
    [InlineData("detail.nothing = null", false)]
    [InlineData("detail.host.deeper = 1", false)]
    public void Matches_MissingField_EqualsNothing(string expression, bool expected) => Assert.Equal(expected, Matches(expression));

    [Theory]
    [InlineData("hostname = web", "unknown field 'hostname'")]
    [InlineData("detail..x = 1", "empty name between dots")]
    [InlineData("detail.host ~ \"(?<=a)b\"", "not supported")]
    [InlineData("detail.code =", "expected a value")]
    [InlineData("detail.code = 1 and", "expected a condition after 'and'")]
    public void Parse_BadExpression_SaysWhatIsWrong(string expression, string expected)
    {
        Assert.False(EventFilter.TryParse(expression, out _, out var error));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Parse_Text_RoundTrips()
    {
        var filter = EventFilter.Parse("DETAIL.code=1 AND Type in (a,'b c') and not detail.host~\"^web-\"");
        Assert.Equal("detail.code = 1 and type in (a, \"b c\") and not detail.host ~ ^web-", filter.Text);
        Assert.Equal(filter.Root, EventFilter.Parse(filter.Text).Root);
    }

    [Fact]
    public void Parse_Blank_MatchesEveryEvent() => Assert.True(EventFilter.Parse("  ").Matches(DiskAlert));
}
