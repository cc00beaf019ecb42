using BenchmarkDotNet.Attributes;
using Jobs.Core.Filtering;
using Jobs.Core.Inventory;
using Jobs.Core.Persistence;
using Jobs.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Bench;

/// <summary>
/// The host filter on the embedded database: parsing, and parse + filtered COUNT over 100,000 servers in SQLite
/// (the servers page and the job wizard run such a count on every change of the filter).
/// </summary>
[MemoryDiagnoser]
public class HostFilterBenchmarks
{
    public const string IssueFilter = "env=prod and app in (order-api, pay-api) and not hostname ~ \"^db-\" and idc != SH2";

    private string _folder = "";
    private DbContextOptions<JobsDbContext> _options = null!;

    [Params(100_000)]
    public int Servers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "jobs-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_folder);
        var cs = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "jobs.db") }.ToString();
        var builder = new DbContextOptionsBuilder<JobsDbContext>();
        DatabaseSetup.Configure(builder, DatabaseProvider.Sqlite, cs);
        _options = builder.Options;
        using var db = new JobsDbContext(_options);
        db.Database.Migrate();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using (var tx = db.Database.BeginTransaction())
        {
            ServerBulkInsert.InsertAsync(db, DemoInventory.Generate(Servers, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc))).GetAwaiter().GetResult();
            tx.Commit();
        }
        Console.WriteLine($"// setup: bulk-inserted {Servers:N0} demo servers in {watch.ElapsedMilliseconds} ms");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    // Benchmarks return BCL types only: BenchmarkDotNet's generated code would read "Jobs.Core..." as BenchmarkDotNet.Jobs.
    [Benchmark]
    public string ParseIssueFilter() => HostFilter.Parse(IssueFilter).Text;

    [Benchmark]
    public Task<int> CountEnvProd() => CountAsync("env = prod");

    [Benchmark]
    public Task<int> CountIssueFilter() => CountAsync(IssueFilter);

    [Benchmark]
    public Task<int> CountCanaryTag() => CountAsync("tag = canary and status = online");

    [Benchmark]
    public async Task<int> SummarizeIssueFilter()
    {
        await using var db = new JobsDbContext(_options);
        return (await new ServerQueries(db).SummarizeAsync(HostFilter.Parse(IssueFilter))).Total;
    }

    private async Task<int> CountAsync(string filter)
    {
        await using var db = new JobsDbContext(_options);
        return await new ServerQueries(db).CountAsync(HostFilter.Parse(filter));
    }
}
