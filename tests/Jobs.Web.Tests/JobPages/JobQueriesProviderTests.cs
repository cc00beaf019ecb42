using Jobs.Core.Domain;
using Jobs.Testing;
using Jobs.Web.Export;
using Jobs.Web.Models;
using Jobs.Web.Services;
using Jobs.Web.Tests.Infrastructure;

namespace Jobs.Web.Tests.JobPages;

/// <summary>The page queries and the export translate and agree on both databases (substr, case-insensitive search, grouping).</summary>
public sealed class JobQueriesProviderTests
{
    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Queries_SeededJob_SameAnswersOnEveryProvider(TestProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        long id;
        await using (var ctx = database.CreateContext()) id = await JobSeeder.SeedAsync(ctx, [3, 17, 40], JobStatus.Paused, finishAll: true, name: "Mixed Case Name");
        await using var db = database.CreateContext();
        var queries = new JobQueries(db, new ManualClock(new DateTimeOffset(JobSeeder.T0.AddHours(2))));

        var list = await queries.ListAsync(new JobListQuery(JobStatus.Paused, "simulated", "case NAME", 1), default);
        var item = Assert.Single(list.Items);
        Assert.Equal(60, item.Counts.Total);
        Assert.Equal(5, item.Counts.Failed); // positions 9 of batch 2; 9, 19, 29, 39 of batch 3
        Assert.Equal(3, item.BatchCount);

        var job = (await queries.SummaryAsync(id, default))!;
        var failed = await queries.HostsAsync(job, new HostListQuery(HostStatus.Failed, null, null, 1), default);
        Assert.Equal(5, failed.Total);
        Assert.All(failed.Items, h => Assert.Equal(2, h.ExitCode));
        var search = await queries.HostsAsync(job, new HostListQuery(null, null, "WEB-0001", 1), default);
        Assert.Equal(10, search.Total);
        var batch3 = await queries.HostsAsync(job, new HostListQuery(null, 3, null, 2), default);
        Assert.Equal(40, batch3.Total);
        Assert.Equal(15, batch3.Items.Count);
        Assert.Equal("web-00045.sh2.example", batch3.Items[0].Hostname); // page 2 of batch 3 starts at its position 25
        var host = await queries.HostAsync(id, "WEB-00012.sh2.example", default);
        Assert.Equal(HostStatus.Failed, host!.Host.Status);

        var path = Path.Combine(database.Folder, "export.xlsx");
        await new JobExport(db, queries).WriteAsync(job, path, default);
        var records = await LibreOffice.ConvertHostsSheetToCsvAsync(path, database.Folder);
        Assert.Equal(61, records.Count);
    }
}
