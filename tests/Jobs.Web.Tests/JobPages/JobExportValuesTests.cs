using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using Jobs.Core.Domain;
using Jobs.Testing;
using Jobs.Web.Export;
using Jobs.Web.Services;
using Jobs.Web.Tests.Infrastructure;
using static Jobs.Web.Tests.JobPages.JobExportTests;

namespace Jobs.Web.Tests.JobPages;

/// <summary>Issue 13: the Summary and Batches sheets hold the job's figures, not only the right headers.</summary>
public sealed class JobExportValuesTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(TestProvider.Sqlite);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Export_SummaryAndBatches_HoldTheJobsFigures_Issue13()
    {
        long id;
        // 42 hosts in batches of 2, 10 and 30; every tenth host of a batch fails (JobSeeder): 0 + 1 + 3 = 4 failed.
        await using (var ctx = _db.CreateContext())
            id = await JobSeeder.SeedAsync(ctx, [2, 10, 30], JobStatus.CompletedWithFailures, finishAll: true);
        string path;
        await using (var ctx = _db.CreateContext())
        {
            var queries = new JobQueries(ctx, new ManualClock(new DateTimeOffset(JobSeeder.T0.AddHours(2))));
            path = Path.Combine(_db.Folder, $"job-{id}.xlsx");
            await new JobExport(ctx, queries).WriteAsync((await queries.SummaryAsync(id, default))!, path, default);
        }

        using var doc = SpreadsheetDocument.Open(path, false);
        var wb = doc.WorkbookPart!;
        var summary = Rows(wb, "Summary").Skip(1).ToDictionary(r => Text(wb, r[0]), r => r.Count > 1 ? Text(wb, r[1]) : "");
        Assert.Equal(id.ToString(CultureInfo.InvariantCulture), summary["Job id"]);
        Assert.Equal("patch order-api", summary["Name"]);
        Assert.Equal("Completed with failures", summary["Status"]);
        Assert.Equal("3", summary["Batches"]);
        Assert.Equal("42", summary["Hosts"]);
        Assert.Equal("42", summary["Hosts that ran"]);
        Assert.Equal("38", summary["Succeeded"]);
        Assert.Equal("4", summary["Failed"]);
        Assert.Equal("3", summary["Excluded hosts"]);
        Assert.Equal(100, Number(summary["Progress %"]));
        Assert.Equal(Math.Round(38 * 100.0 / 42, 2), Number(summary["Success rate %"]));
        Assert.Equal(3600, Number(summary["Duration (s)"]));
        Assert.Equal("1%,5%,10%", summary["Batch plan"]);

        var batches = Rows(wb, "Batches").Skip(1).ToList();
        Assert.Equal(3, batches.Count);
        foreach (var (row, size, failed, index) in new[] { (batches[0], 2, 0, 1), (batches[1], 10, 1, 2), (batches[2], 30, 3, 3) })
        {
            Assert.Equal(index, Number(Text(wb, At(row, "A"))));
            Assert.Equal(size, Number(Text(wb, At(row, "B"))));
            Assert.Equal(size - failed, Number(Text(wb, At(row, "D"))));
            Assert.Equal(failed, Number(Text(wb, At(row, "E"))));
            Assert.Equal("passed", Text(wb, At(row, "K")));
            Assert.Equal("failure rate 10% ≤ 10%", Text(wb, At(row, "L")));
            Assert.Equal(31, Number(Text(wb, At(row, "O"))));   // started T0 + index min, passed 31 s later
            Assert.Equal(30, Number(Text(wb, At(row, "P"))));   // p50 of 30 s hosts
            Assert.Equal(30, Number(Text(wb, At(row, "Q"))));
        }
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
