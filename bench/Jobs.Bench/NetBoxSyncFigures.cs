using System.Diagnostics;
using Jobs.Core;
using Jobs.Core.Auditing;
using Jobs.Core.Inventory.Sources;
using Jobs.Core.Persistence;
using Jobs.Executors;
using Jobs.Testing;
using Jobs.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jobs.Bench;

/// <summary>
/// Issue 15: syncing a NetBox source of 100,000 devices (the fake on 127.0.0.1, 1,000 a page) into the embedded SQLite
/// database — the first sync (everything added), an unchanged one, and one with 1 % changed, 0.5 % removed, 0.5 % added.
/// Prints wall time, allocations and peak working set of each. Run: <c>dotnet run -c Release --project bench/Jobs.Bench -- netbox [devices]</c>.
/// </summary>
public static class NetBoxSyncFigures
{
    public static async Task<int> RunAsync(string[] args)
    {
        var devices = args.Length > 1 && int.TryParse(args[1], out var n) ? n : 100_000;
        await using var netBox = FakeNetBox.WithDevices(devices);
        await netBox.StartAsync();
        var folder = Path.Combine(Path.GetTempPath(), "jobs-bench-netbox-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var cs = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "jobs.db"), DefaultTimeout = 60 }.ToString();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Jobs:Inventory:Sources:netbox:Type"] = "netbox",
            ["Jobs:Inventory:Sources:netbox:BaseUrl"] = netBox.BaseUrl.ToString(),
            ["Jobs:Inventory:Sources:netbox:Token"] = "Bearer " + FakeNetBox.ValidToken,
            ["Jobs:Inventory:Sources:netbox:Filter"] = "role=server",
            ["Jobs:Inventory:Sources:netbox:TimeoutSeconds"] = "60",
        }).Build();
        var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)).AddSingleton<IConfiguration>(config);
        services.AddJobsCore().AddJobsExecutors(config);
        services.AddDbContext<JobsDbContext>(o => DatabaseSetup.Configure(o, DatabaseProvider.Sqlite, cs));
        await using var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<JobsDbContext>();
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        Console.WriteLine($"NetBox sync of {devices:N0} devices into SQLite ({Environment.ProcessorCount} cores; the fake NetBox serves from this process)");
        await ReadOnlyAsync(provider);
        await MeasureAsync(provider, "first sync (all added)");
        await MeasureAsync(provider, "second sync (nothing changed)");
        var step = 100;
        for (var i = 1; i <= devices; i += step) netBox.Devices[i] = netBox.Devices[i] with { Platform = "rocky-9" }; // 1 %
        for (var i = 2; i <= devices; i += 2 * step) netBox.Devices.Remove(i);                                     // 0.5 %
        for (var i = 0; i < devices / (2 * step); i++) netBox.Devices[devices + 1 + i] = FakeNetBox.Device(devices + 1 + i);
        await MeasureAsync(provider, "third sync (1 % changed, 0.5 % removed, 0.5 % added)");
        Directory.Delete(folder, recursive: true);
        return 0;
    }

    /// <summary>Only reading the pages (fake's serving + client paging + JSON parsing): the part of a sync that is not ours to write.</summary>
    private static async Task ReadOnlyAsync(IServiceProvider provider)
    {
        var source = provider.GetRequiredService<InventorySourceCatalog>().Find("netbox")!;
        var watch = Stopwatch.StartNew();
        var count = 0;
        await foreach (var _ in source.ReadAllAsync(CancellationToken.None)) count++;
        Console.WriteLine($"  read only ({count:N0} devices, 1,000 a page): {watch.Elapsed.TotalSeconds:0.00} s");
    }

    private static async Task MeasureAsync(IServiceProvider provider, string what)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        using var peak = new PeakSampler();
        var watch = Stopwatch.StartNew();
        SyncReport report;
        await using (var scope = provider.CreateAsyncScope())
            report = (await scope.ServiceProvider.GetRequiredService<InventorySync>().SyncAsync("netbox", false, false, Actor.System, CancellationToken.None))!;
        watch.Stop();
        Console.WriteLine($"  {what}: {watch.Elapsed.TotalSeconds:0.00} s, {report.Outcome}, fetched {report.Fetched:N0}: +{report.Added:N0} ~{report.Changed:N0} -{report.Retired:N0}" +
                          $"; allocated {(GC.GetTotalAllocatedBytes(true) - allocatedBefore) / 1048576.0:N0} MB, peak working set {peak.PeakMegabytes:N0} MB" +
                          (report.Error is { } e ? $"; error: {e}" : ""));
    }

    /// <summary>Samples the working set every 50 ms (the GC's own peak is per collection, not per process).</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly Timer _timer;
        private long _peak;

        public PeakSampler() => _timer = new Timer(_ => Sample(), null, 0, 50);

        public double PeakMegabytes { get { Sample(); return _peak / 1048576.0; } }

        private void Sample()
        {
            using var p = Process.GetCurrentProcess();
            var ws = p.WorkingSet64;
            if (ws > Interlocked.Read(ref _peak)) Interlocked.Exchange(ref _peak, ws);
        }

        public void Dispose() => _timer.Dispose();
    }
}
