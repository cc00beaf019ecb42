using System.Diagnostics;
using Jobs.Core.Domain;
using Jobs.Core.Inventory;
using Jobs.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Jobs.Core.Tests.Inventory;

public sealed class DemoInventoryTests(ITestOutputHelper output)
{
    private static readonly DateTime At = new(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Generate_SameCount_SameServers()
    {
        var a = DemoInventory.Generate(2000, At);
        var b = DemoInventory.Generate(2000, At);

        Assert.Equal(2000, a.Count);
        Assert.Equal(a.Select(Describe), b.Select(Describe));
    }

    [Fact]
    public void Generate_2000_LooksLikeARealInventory()
    {
        var servers = DemoInventory.Generate(2000, At);

        Assert.Equal(2000, servers.Select(s => s.Hostname).Distinct().Count());
        Assert.Equal(2000, servers.Select(s => s.Ip).Distinct().Count());
        Assert.Equal(["BJ1", "GZ1", "SH1", "SH2"], servers.Select(s => s.Idc).Distinct().Order());
        Assert.Equal(["prod", "test", "uat"], servers.Select(s => s.Env).Distinct().Order());
        var apps = servers.GroupBy(s => s.App).Select(g => g.Count()).ToList();
        Assert.InRange(apps.Count, 38, 40);
        Assert.True(apps.Max() > 5 * apps.Min(), "cluster sizes should be uneven");
        Assert.InRange(servers.Count(s => s.Status == ServerStatus.Offline), 10, 80);
        Assert.InRange(servers.Count(s => s.Status == ServerStatus.Maintenance), 5, 60);
        Assert.InRange(servers.Count(s => s.Tags.Any(t => t.Name == "canary")), 40, 400);
        Assert.All(servers, s => Assert.True(s.IsDemo));
        Assert.Contains(servers, s => s.Hostname.StartsWith("db-", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task SeedIfEmpty_EmptyDatabase_SeedsOnceAndAudits(TestProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new ManualClock();

        var watch = Stopwatch.StartNew();
        await using (var ctx = db.CreateContext())
        {
            var seeded = await Seeder(ctx, clock, 2000).SeedIfEmptyAsync();
            Assert.Equal(2000, seeded);
        }
        output.WriteLine($"{provider}: seeded 2000 servers in {watch.ElapsedMilliseconds} ms");

        await using (var ctx = db.CreateContext())
        {
            Assert.Equal(0, await Seeder(ctx, clock, 2000).SeedIfEmptyAsync());
            Assert.Equal(2000, await ctx.Servers.CountAsync(s => s.IsDemo));
            Assert.Equal(DemoInventory.Generate(2000, At).Sum(s => s.Tags.Count), await ctx.ServerTags.CountAsync());
            Assert.Equal(1, await ctx.AuditEntries.CountAsync(a => a.Action == DemoInventorySeeder.AuditAction));

            // Emptied by hand later: still not seeded again, the audit trail remembers.
            await ctx.Servers.ExecuteDeleteAsync();
            Assert.Equal(0, await Seeder(ctx, clock, 2000).SeedIfEmptyAsync());
        }
    }

    [Fact]
    public async Task SeedIfEmpty_ZeroConfigured_DoesNothing()
    {
        await using var db = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await using var ctx = db.CreateContext();

        Assert.Equal(0, await Seeder(ctx, new ManualClock(), 0).SeedIfEmptyAsync());
        Assert.Equal(0, await ctx.Servers.CountAsync());
    }

    private static DemoInventorySeeder Seeder(Jobs.Core.Persistence.JobsDbContext ctx, TimeProvider clock, int count) =>
        new(ctx, clock, Options.Create(new DemoOptions { SeedServers = count }), NullLogger<DemoInventorySeeder>.Instance);

    private static string Describe(Server s) =>
        $"{s.Hostname}|{s.Ip}|{s.Idc}|{s.Env}|{s.App}|{s.Role}|{s.Os}|{s.Status}|{s.Owner}|{string.Join(';', s.Tags.Select(t => t.Name))}";
}
