using Jobs.Executors.Http;
using Jobs.Executors.Tests.Fakes;

namespace Jobs.Executors.Tests;

/// <summary>Issue 11: a response body becomes one line an operator can read in a pause reason.</summary>
public sealed class ResponseTextTests
{
    [Fact]
    public void OneLine_CherryPyErrorPage_HeadingAndMessageOnly()
    {
        var page = FakeSaltApi.CherryPyPage(400, "Client disabled: 'runner'. Add to 'netapi_enable_clients' master config option to enable.");

        Assert.Equal("400 Bad Request: Client disabled: 'runner'. Add to 'netapi_enable_clients' master config option to enable.",
            ResponseText.OneLine(page));
    }

    [Theory]
    [InlineData("""{"faultstring": "Unauthorized"}""", """{"faultstring": "Unauthorized"}""")]
    [InlineData("line one\n  line two ", "line one line two")]
    [InlineData("<html><body>503 &amp; down</body></html>", "503 & down")]
    [InlineData("a < b and c > d", "a < b and c > d")]
    public void OneLine_OtherBodies_CollapsedNotMangled(string body, string expected) =>
        Assert.Equal(expected, ResponseText.OneLine(body));

    [Fact]
    public void OneLine_LongBody_CutAt300WithAnEllipsis()
    {
        var line = ResponseText.OneLine(new string('x', 1000));

        Assert.Equal(301, line.Length);
        Assert.EndsWith("…", line);
    }
}
