using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Jobs.Core;
using Jobs.Core.Application;
using Jobs.Core.Auditing;
using Jobs.Core.Domain;
using Jobs.Core.Engine;
using Jobs.Core.Persistence;
using Jobs.Executors;
using Jobs.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Jobs.Bench;

/// <summary>
/// Engine throughput (issue 12): one job run by <see cref="JobLoop"/> — as the scheduler runs it, without the scheduler —
/// on a fresh SQLite file (or PostgreSQL with <c>--postgres "connection string"</c>), timed by the job's own StartedAt and
/// FinishedAt. <c>sim HOSTS PARALLELISM</c>: the simulated executor at zero latency; <c>local HOSTS PARALLELISM</c>: the
/// local executor running <c>/bin/true</c>. Both plan <c>1%,5%,10%</c>.
/// </summary>
/// <example><c>dotnet run -c Release --project bench/Jobs.Bench -- engine sim 100000 10000</c></example>
public static class EngineThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rest = args.Skip(1).ToList();
        string? postgres = null;
        var at = rest.IndexOf("--postgres");
        if (at >= 0)
        {
            postgres = rest[at + 1];
            rest.RemoveRange(at, 2);
        }
        var kind = rest.ElementAtOrDefault(0) ?? "sim";
        var hosts = int.Parse(rest.ElementAtOrDefault(1) ?? "10000", CultureInfo.InvariantCulture);
        var parallelism = int.Parse(rest.ElementAtOrDefault(2) ?? "10000", CultureInfo.InvariantCulture);
        var parameters = kind == "local"
            ? new JsonObject { ["command"] = "/bin/true" }
            : new JsonObject { ["latencyMs"] = 0, ["jitterMs"] = 0 };
        var executor = kind == "local" ? "local" : "simulated";

        var folder = Directory.CreateTempSubdirectory("jobs-bench-engine");
        try
        {
            var (provider, cs) = postgres is null
                ? (DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder.FullName, "engine.db")}")
                : (DatabaseProvider.Postgres, postgres);
            await using var services = Services(provider, cs);
            await services.MigrateJobsDatabaseAsync();
            await SeedAsync(services, hosts);
            long id;
            await using (var scope = services.CreateAsyncScope())
            {
                id = await scope.ServiceProvider.GetRequiredService<IJobService>().CreateAsync(new JobRequest
                {
                    Name = $"bench {kind} {hosts}", Filter = "env=bench", Executor = executor, Parameters = parameters,
                    Batches = "1%,5%,10%", Parallelism = parallelism, HostTimeoutSeconds = 600, Stratify = true,
                    Gates = new GateSettings(MaxFailurePercent: 10),
                }, Actor.System, CancellationToken.None);
            }
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            await services.GetRequiredService<JobLoop>().RunAsync(id, CancellationToken.None);
            wall.Stop();
            // CPU of this process during the loop: on a shared machine wall time says as much about the neighbours.
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            await using var check = services.CreateAsyncScope();
            var job = await check.ServiceProvider.GetRequiredService<JobsDbContext>().Jobs.AsNoTracking().SingleAsync(j => j.Id == id);
            var seconds = (job.FinishedAt!.Value - job.StartedAt!.Value).TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"engine {kind} {provider}: {hosts:N0} hosts, parallelism {parallelism:N0}: {job.Status} in {seconds:0.000} s " +
                $"(job StartedAt→FinishedAt) = {hosts / seconds:N0} hosts/s; loop wall {wall.Elapsed.TotalSeconds:0.000} s, " +
                $"CPU {cpu.TotalSeconds:0.000} s = {hosts / cpu.TotalSeconds:N0} hosts per CPU-second; load average {LoadAverage()}"));
            return job.Status == JobStatus.Succeeded ? 0 : 1;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static ServiceProvider Services(DatabaseProvider provider, string cs)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [Jobs.Executors.DependencyInjection.LocalEnabledKey] = "true",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(config);
        services.AddSingleton(new DatabaseInfo(provider, cs));
        services.AddDbContext<JobsDbContext>(o => DatabaseSetup.Configure(o, provider, cs));
        services.AddJobsCore();
        services.AddJobsExecutors(config);
        services.AddSingleton<IJobScheduler, NoScheduler>();
        return services.BuildServiceProvider();
    }

    private static async Task SeedAsync(IServiceProvider services, int hosts)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JobsDbContext>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var at = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < hosts; i++)
            db.Servers.Add(new Server($"bench-{i:D6}", $"10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256}", "idc" + i % 4, "bench",
                "app-" + i % 40, "web", "linux", ServerStatus.Online, "ops", [], at));
        await db.SaveChangesAsync();
    }

    /// <summary>The loop is run by hand here.</summary>
    private sealed class NoScheduler : IJobScheduler
    {
        public Task EnsureScheduledAsync(long jobId, DateTime? startAt, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task UnscheduleAsync(long jobId, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
