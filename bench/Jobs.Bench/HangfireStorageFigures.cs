using System.Collections.Concurrent;
using System.Diagnostics;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.Storage.SQLite;

namespace Jobs.Bench;

/// <summary>
/// ADR 0010: Hangfire's storage for the embedded SQLite default — in memory, or Hangfire.Storage.SQLite in a file of its
/// own. Measures what JOBS asks of it: enqueue → start latency of a runner start (one at a time), and how fast a burst of
/// short jobs drains (8 workers, as a node runs by default).
/// dotnet run -c Release --project bench/Jobs.Bench -- hangfire-storage
/// </summary>
public static class HangfireStorageFigures
{
    private static readonly ConcurrentDictionary<long, long> Ran = new();

    public static async Task<int> RunAsync()
    {
        Console.WriteLine("| storage | enqueue → start p50 | p95 | 2,000 short jobs drain |");
        Console.WriteLine("|---|---|---|---|");
        await MeasureAsync("in-memory", () => new InMemoryStorage(new InMemoryStorageOptions { IdType = InMemoryStorageIdType.Long }));
        var folder = Directory.CreateTempSubdirectory("jobs-hangfire-").FullName;
        await MeasureAsync("SQLite file (200 ms queue poll)", () => new SQLiteStorage(Path.Combine(folder, "hangfire.db"),
            new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromMilliseconds(200) }));
        return 0;
    }

    public static void Hit(long id) => Ran[id] = Stopwatch.GetTimestamp();

    private static async Task MeasureAsync(string name, Func<JobStorage> create)
    {
        var storage = create();
        GlobalConfiguration.Configuration.UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
        using var server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            WorkerCount = 8, SchedulePollingInterval = TimeSpan.FromSeconds(1), Queues = ["runners", "default"],
        }, storage);
        var client = new BackgroundJobClient(storage);
        Ran.Clear();
        // Warm-up, then one at a time: the latency a control waits before its job's runner starts.
        await RoundTripAsync(client, -1);
        var latencies = new List<double>();
        for (var i = 0; i < 200; i++) latencies.Add(await RoundTripAsync(client, i));
        latencies.Sort();
        Ran.Clear();
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < 2_000; i++) client.Enqueue(() => Hit(10_000 + i));
        while (Ran.Count < 2_000 && sw.Elapsed < TimeSpan.FromMinutes(3)) await Task.Delay(5);
        Console.WriteLine($"| {name} | {latencies[latencies.Count / 2]:F1} ms | {latencies[(int)(latencies.Count * 0.95)]:F1} ms | " +
                          (Ran.Count < 2_000 ? $"{Ran.Count} of 2,000 in 3 min" : $"{sw.Elapsed.TotalMilliseconds:F0} ms") + " |");
    }

    private static async Task<double> RoundTripAsync(BackgroundJobClient client, long id)
    {
        var start = Stopwatch.GetTimestamp();
        client.Enqueue(() => Hit(id));
        while (!Ran.ContainsKey(id)) await Task.Delay(1);
        return Stopwatch.GetElapsedTime(start, Ran[id]).TotalMilliseconds;
    }
}
