using Jobs.Core.Planning;

namespace Jobs.Core.Tests.Planning;

public sealed class BatchPlanTests
{
    [Fact]
    public void Sizes_2000HostsOneFiveTenPercent_Gives12BatchesWithRemainderLast()
    {
        var sizes = BatchPlan.Parse("1%,5%,10%").Sizes(2000);

        Assert.Equal([20, 100, 200, 200, 200, 200, 200, 200, 200, 200, 200, 80], sizes);
    }

    [Theory]
    [InlineData("1", 3, new[] { 1, 1, 1 })]
    [InlineData("10,50%", 100, new[] { 10, 50, 40 })]
    [InlineData("1%", 10, new[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 })] // floor(0.1) → at least 1
    [InlineData("100%", 7, new[] { 7 })]
    [InlineData("5, 2.5%", 100, new[] { 5, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1 })]
    [InlineData("500", 20, new[] { 20 })]
    public void Sizes_Plans_FollowServingRule(string plan, int hosts, int[] expected) =>
        Assert.Equal(expected, BatchPlan.Parse(plan).Sizes(hosts));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("0%", "0%")]
    [InlineData("101%", "over 100%")]
    [InlineData("abc", "not a number")]
    [InlineData("5%,,10%", "empty entry 2")]
    [InlineData("-5", "negative")]
    [InlineData("0", "at least 1 host")]
    [InlineData("2.5", "whole number")]
    [InlineData("1%,x%", "'x%' (entry 2) is not a number")]
    public void TryParse_Invalid_ReportsWhatIsWrong(string text, string expected)
    {
        Assert.False(BatchPlan.TryParse(text, out var plan, out var error));
        Assert.Null(plan);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_SeveralBadEntries_ReportsEveryOne_Issue9()
    {
        Assert.False(BatchPlan.TryParse("1%, abc, 0%, 5, 200%", out _, out var error));
        Assert.Contains("'abc' (entry 2)", error, StringComparison.Ordinal);
        Assert.Contains("'0%' (entry 3)", error, StringComparison.Ordinal);
        Assert.Contains("'200%' (entry 5)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("entry 4", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Invalid_ThrowsFormatExceptionWithReason() =>
        Assert.Contains("over 100%", Assert.Throws<FormatException>(() => BatchPlan.Parse("150%")).Message, StringComparison.Ordinal);

    [Fact]
    public void ToString_NormalisesEntries() => Assert.Equal("1%,5%,10", BatchPlan.Parse(" 1% , 5.0%,10 ").ToString());
}
