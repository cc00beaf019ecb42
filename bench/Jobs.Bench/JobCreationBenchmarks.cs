using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Jobs.Core;
using Jobs.Core.Auditing;
using Jobs.Core.Domain;
using Jobs.Core.Application;
using Jobs.Core.Engine;
using Jobs.Core.Persistence;
using Jobs.Core.Scheduling;
using Jobs.Executors;
using Jobs.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jobs.Bench;

/// <summary>
/// Creating a job over 100,000 servers on the embedded SQLite database: filter, freeze, plan, store (bulk insert of
/// the host rows), audit — the whole <see cref="IJobService.CreateAsync"/>. Scheduler off (nothing runs).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class JobCreationBenchmarks
{
    private string _folder = "";
    private ServiceProvider _services = null!;
    private readonly JobRequest _request = new()
    {
        Name = "bench", Filter = "env=prod", Executor = "simulated", Batches = "1%,5%,10%",
        Gates = new GateSettings(MaxFailurePercent: 10),
    };

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "jobs-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_folder);
        var cs = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "jobs.db"), DefaultTimeout = 30 }.ToString();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Jobs:Scheduler:Enabled"] = "false" }).Build();
        var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)).AddSingleton<IConfiguration>(config);
        services.AddJobsCore().AddJobsExecutors(config).AddJobsScheduling(config, DatabaseProviderSetup.For(DatabaseProvider.Sqlite).Scheduler(cs));
        services.AddDbContext<JobsDbContext>(o => DatabaseSetup.Configure(o, DatabaseProvider.Sqlite, cs));
        _services = services.BuildServiceProvider();
        using var scope = _services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<JobsDbContext>();
        db.Database.Migrate();
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
        var idcs = new[] { "sh1", "sh2", "bj1" };
        var apps = new[] { "order-api", "pay-api", "user-api", "search" };
        var at = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var chunk in Enumerable.Range(0, 100_000).Chunk(10_000))
        {
            db.Servers.AddRange(chunk.Select(i => new Server($"host-{i:D6}", $"10.{i / 65536}.{i / 256 % 256}.{i % 256}", idcs[i % 3], "prod",
                apps[i / 3 % 4], "web", "linux", ServerStatus.Online, "ops", [], at)));
            db.SaveChanges();
            db.ChangeTracker.Clear();
        }
    }

    [Benchmark]
    public async Task<long> Create100kHostJob()
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IJobService>().CreateAsync(_request, Actor.System, CancellationToken.None);
    }

    [Benchmark]
    public async Task<int> Preview100kHosts()
    {
        await using var scope = _services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IJobService>().PreviewAsync(_request, Jobs.Core.Auditing.Actor.System, CancellationToken.None)).Batches.Count;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
