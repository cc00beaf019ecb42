using Jobs.Core.Domain;
using Jobs.Core.Filtering;
using Jobs.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Core.Tests.Filtering;

/// <summary>
/// The same generated servers in SQLite and PostgreSQL; each filter runs in the database and in memory
/// (<see cref="HostFilter.Matches"/>) and all must select exactly the same hostnames.
/// </summary>
public sealed class FilterTranslationTests
{
    private static readonly string[] FixedFilters =
    [
        "env=prod and app in (order-api, pay-api) and not hostname ~ \"^db-\" and idc != SH2",
        "env = PROD",
        "idc = sh2",
        "idc in (sh1, GZ4)",
        "idc not in (sh1, gz4)",
        "app ~ api",
        "hostname ~ \"^db-\\d+\"",
        "hostname >= m",
        "hostname < \"order\"",
        "ip > 10.1",
        "ip <= \"10.2.200.1\"",
        "app > Cache",
        "owner = \"Pay Team\"",
        "owner = 'pay team'",
        "owner = \"\"",
        "owner != \"\"",
        "owner = \"o'brien\"",
        "role = \"\" or os = \"\"",
        "tag = canary",
        "tag = CANARY",
        "tag != canary",
        "tag in (gpu, pci)",
        "tag not in (gpu, pci)",
        "tag ~ \"^(bl|gr)\"",
        "not tag ~ e",
        "status = online",
        "status != online",
        "status in (offline, maintenance)",
        "status not in (online)",
        "env=prod or env=uat and idc=SH1",
        "(env=prod or env=uat) and idc=SH1",
        "not env=prod and not idc=SH1",
        "not (env=prod and idc=SH1)",
        "env=prod and tag=canary or status=maintenance",
        "os ~ \"ubuntu|rocky\" and role in (web, db)",
        "hostname ~ SH",
        "app ~ \"^[a-c]\"",
        "ip ~ \"^10\\.1\\.\"",
    ];

    /// <summary>Every filter of this suite: the fixed ones, then 250 generated from a fixed seed (also the SQL Server
    /// snapshots' list, <c>SqlServer/SqlServerFilterSnapshotTests</c>).</summary>
    internal static List<HostFilter> Filters()
    {
        var random = new RandomFilters(seed: 99, FilterTestData.FilterValues(), FilterTestData.Patterns);
        return FixedFilters.Select(HostFilter.Parse)
            .Concat(Enumerable.Range(0, 250).Select(_ => HostFilter.Parse(FilterPrinter.Print(random.Next()))))
            .ToList();
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Apply_ManyFilters_SelectsWhatMatchesSelectsInMemory(TestProvider provider)
    {
        var servers = FilterTestData.Servers(seed: 20261121, count: 400);
        await using var db = await TestDatabase.CreateAsync(provider);
        await using (var ctx = db.CreateContext())
        {
            ctx.Servers.AddRange(FilterTestData.Servers(seed: 20261121, count: 400));
            await ctx.SaveChangesAsync();
        }

        var filters = Filters();

        await using var read = db.CreateContext();
        var nonTrivial = 0;
        foreach (var filter in filters)
        {
            var expected = servers.Where(filter.Matches).Select(s => s.Hostname).Order(StringComparer.Ordinal).ToList();
            List<string> actual;
            try
            {
                actual = (await filter.Apply(read.Servers.AsNoTracking()).Select(s => s.Hostname).ToListAsync())
                    .Order(StringComparer.Ordinal).ToList();
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"{provider}: '{filter.Text}' failed in SQL: {ex.Message}", ex);
            }
            Assert.True(expected.SequenceEqual(actual),
                $"{provider}: '{filter.Text}' selected {actual.Count} in SQL, {expected.Count} in memory; " +
                $"only SQL: {string.Join(", ", actual.Except(expected).Take(5))}; only memory: {string.Join(", ", expected.Except(actual).Take(5))}");
            if (expected.Count > 0 && expected.Count < servers.Count) nonTrivial++;
        }
        // The comparison only means something if most filters select some but not all servers.
        Assert.True(nonTrivial > filters.Count / 3, $"only {nonTrivial} of {filters.Count} filters were selective");
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Apply_RegexTagsAndComparisons_RunInTheDatabase(TestProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var ctx = db.CreateContext();
        var filter = HostFilter.Parse("hostname ~ \"^db-\" and tag in (canary) and idc >= sh1 and env = prod");

        var sql = filter.Apply(ctx.Servers).ToQueryString();

        Assert.Contains("WHERE", sql);
        Assert.Contains(provider == TestProvider.Sqlite ? "regexp(" : "textregexeq(", sql);
        Assert.Contains("EXISTS", sql);
        Assert.Contains(provider == TestProvider.Sqlite ? "lower(" : "translate(", sql);
        if (provider == TestProvider.Postgres) Assert.Contains("COLLATE \"C\"", sql);
        Assert.DoesNotContain("Fold", sql);
    }
}
