using Jobs.Core.Filtering;
using Jobs.Core.Inventory;
using Jobs.Testing;

namespace Jobs.Core.Tests.Inventory;

public sealed class ServerQueriesTests
{
    private static readonly DateTime At = new(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Queries_DemoInventory_AgreeWithInMemoryCounts(TestProvider provider)
    {
        var servers = DemoInventory.Generate(1500, At);
        await using var db = await TestDatabase.CreateAsync(provider);
        await using (var ctx = db.CreateContext())
        {
            ctx.Servers.AddRange(DemoInventory.Generate(1500, At));
            await ctx.SaveChangesAsync();
        }
        await using var read = db.CreateContext();
        var queries = new ServerQueries(read);
        var filter = HostFilter.Parse("env=prod and app in (order-api, pay-api) and not hostname ~ \"^db-\" and idc != SH2");
        var expected = servers.Where(filter.Matches).ToList();

        Assert.Equal(expected.Count, await queries.CountAsync(filter));

        var summary = await queries.SummarizeAsync(filter);
        Assert.Equal(expected.Count, summary.Total);
        Assert.Equal(expected.Count, summary.Demo);
        Assert.Equal(expected.GroupBy(s => s.Idc).ToDictionary(g => g.Key, g => g.Count()), summary.ByIdc.ToDictionary(g => g.Key, g => g.Count));
        Assert.Equal(expected.GroupBy(s => s.App).ToDictionary(g => g.Key, g => g.Count()), summary.ByApp.ToDictionary(g => g.Key, g => g.Count));
        Assert.Equal([new GroupCount("prod", expected.Count)], summary.ByEnv);
        Assert.Equal(expected.GroupBy(s => s.Status.ToString().ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Count()),
            summary.ByStatus.ToDictionary(g => g.Key, g => g.Count));
        Assert.True(summary.ByIdc.Zip(summary.ByIdc.Skip(1)).All(p => p.First.Count >= p.Second.Count));

        var ordered = expected.Select(s => s.Hostname).Order(StringComparer.Ordinal).ToList();
        var page = await queries.PageAsync(filter, skip: 10, take: 25);
        Assert.Equal(expected.Count, page.Total);
        Assert.Equal(ordered.Skip(10).Take(25), page.Items.Select(i => i.Hostname));
        var first = page.Items[0];
        Assert.Equal(expected.Single(s => s.Hostname == first.Hostname).Tags.Select(t => t.Name).Order(), first.Tags);

        var targets = await queries.TargetsAsync(filter);
        Assert.Equal(ordered, targets.Select(t => t.Hostname));
    }

    [Fact]
    public async Task PageAsync_TakeOutOfRange_IsClamped()
    {
        await using var db = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await using (var ctx = db.CreateContext())
        {
            ctx.Servers.AddRange(DemoInventory.Generate(1200, At));
            await ctx.SaveChangesAsync();
        }
        await using var read = db.CreateContext();
        var queries = new ServerQueries(read);

        Assert.Equal(ServerQueries.MaxTake, (await queries.PageAsync(HostFilter.All, -5, 5000)).Items.Count);
        Assert.Single((await queries.PageAsync(HostFilter.All, 0, 0)).Items);
        Assert.Empty((await queries.PageAsync(HostFilter.All, 5000, 10)).Items);
    }
}
