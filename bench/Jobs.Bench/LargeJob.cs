using System.Globalization;
using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Bench;

/// <summary>A SQLite file holding one finished job of N hosts (12 batches for 100,000 with 1%,5%,10%), for the UI benchmarks.</summary>
public static class LargeJob
{
    public static readonly DateTime T0 = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    public static DbContextOptions<JobsDbContext> Options(string path) =>
        new DbContextOptionsBuilder<JobsDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = path }.ToString(), o => o.MigrationsAssembly("Jobs.Migrations.Sqlite"))
            .UseJobsDialect(Jobs.Core.Persistence.Sqlite.SqliteDialect.Database)
            .Options;

    /// <summary>
    /// The path of a SQLite file holding the <paramref name="hosts"/>-host job, seeded by a child process
    /// (<c>ui-seed</c>) on first use so the caller's peak working set is its own work, not the seeding's. Null when seeding failed.
    /// </summary>
    public static async Task<string?> EnsureSeededAsync(int hosts)
    {
        var folder = Path.Combine(Path.GetTempPath(), "jobs-bench-ui");
        Directory.CreateDirectory(folder);
        var dbPath = Path.Combine(folder, $"ui-{hosts}.db");
        if (File.Exists(dbPath)) return dbPath;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        using var child = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(Environment.ProcessPath!,
            ["ui-seed", hosts.ToString(CultureInfo.InvariantCulture), dbPath]) { UseShellExecute = false })!;
        await child.WaitForExitAsync();
        if (child.ExitCode != 0) return null;
        Console.WriteLine($"seed: {sw.Elapsed.TotalSeconds:0.0} s");
        return dbPath;
    }

    /// <summary>Creates the database with one job of <paramref name="hosts"/> hosts; returns the job id.</summary>
    public static async Task<long> CreateAsync(string path, int hosts)
    {
        await using var db = new JobsDbContext(Options(path));
        await db.Database.MigrateAsync();
        var sizes = Plan(hosts);
        var job = new Job(new JobDefinition("bench 100k", "benchmark", "env=prod", "simulated", "{}", "1%,5%,10%", 200, 600, true, null,
            GateSettings.Default, GateFailureAction.Pause, null), "bench", T0);
        job.SetPlan(sizes.Select((s, i) => new Batch(i + 1, s)), hosts, 0);
        db.Jobs.Add(job);
        await db.SaveChangesAsync();

        var conn = (SqliteConnection)db.Database.GetDbConnection();
        await conn.OpenAsync();
        await using (var tx = conn.BeginTransaction())
        {
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = """
                INSERT INTO HostTasks (JobId, BatchId, BatchIndex, Position, Hostname, Ip, Idc, Env, App, Status, Attempt,
                                       ExternalRef, StartedAt, FinishedAt, DurationMs, ExitCode, Category, Stdout, Stderr)
                VALUES ($job, $batch, $index, $pos, $host, $ip, $idc, 'prod', $app, $status, 1, $ref, $start, $end, $dur, $exit, $cat, $out, $err)
                """;
            string[] names = ["job", "batch", "index", "pos", "host", "ip", "idc", "app", "status", "ref", "start", "end", "dur", "exit", "cat", "out", "err"];
            var p = names.ToDictionary(n => n, n => cmd.Parameters.Add(new SqliteParameter("$" + n, null)));
            cmd.Prepare();
            var n = 0;
            foreach (var b in job.Batches)
            {
                for (var pos = 0; pos < b.Size; pos++, n++)
                {
                    var failed = n % 50 == 49;
                    var start = T0.AddSeconds(n / 200.0);
                    var duration = 800 + n % 700;
                    p["job"].Value = job.Id;
                    p["batch"].Value = b.Id;
                    p["index"].Value = b.Index;
                    p["pos"].Value = pos;
                    p["host"].Value = $"app-{n:D6}.idc{n % 4}.example";
                    p["ip"].Value = $"10.{n / 65536 % 256}.{n / 256 % 256}.{n % 256}";
                    p["idc"].Value = "IDC" + n % 4;
                    p["app"].Value = "app-" + n % 40;
                    p["status"].Value = failed ? "Failed" : "Succeeded";
                    p["ref"].Value = "sim-" + n;
                    p["start"].Value = start.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
                    p["end"].Value = start.AddMilliseconds(duration).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
                    p["dur"].Value = duration;
                    p["exit"].Value = failed ? 1 : 0;
                    p["cat"].Value = failed ? "Environment" : DBNull.Value;
                    p["out"].Value = $"[simulated] app-{n:D6}: package openssl upgraded 3.0.11 -> 3.0.13\nservice restarted in {duration} ms\n" + new string('.', 120);
                    p["err"].Value = failed ? "E: could not reach mirror (timeout after 30s)" : DBNull.Value;
                    await cmd.ExecuteNonQueryAsync();
                }
            }
            await tx.CommitAsync();
        }
        // Batch counters as the engine leaves them.
        var tracked = await db.Jobs.Include(j => j.Batches).SingleAsync(j => j.Id == job.Id);
        tracked.Start(T0);
        foreach (var b in tracked.Batches)
        {
            var failed = await db.HostTasks.CountAsync(h => h.BatchId == b.Id && h.Status == HostStatus.Failed);
            b.SetCounts(0, 0, b.Size - failed, failed, 0, 0, 0, 1150, 1450);
            b.Start(T0);
            b.BeginVerifying(null);
            b.Pass("failure rate 2% ≤ 10%", T0.AddMinutes(b.Index));
        }
        tracked.Complete(true, T0.AddHours(1));
        await db.SaveChangesAsync();
        return job.Id;
    }

    /// <summary>Ansible-style sizes for 1%,5%,10%: floor(p·N/100) ≥ 1, the last entry repeats, the final batch takes the rest.</summary>
    private static List<int> Plan(int n)
    {
        var sizes = new List<int>();
        var left = n;
        foreach (var pct in new[] { 1, 5, 10 })
        {
            if (left == 0) break;
            var s = Math.Min(left, Math.Max(1, n * pct / 100));
            sizes.Add(s);
            left -= s;
        }
        var last = Math.Max(1, n * 10 / 100);
        while (left > 0)
        {
            var s = Math.Min(left, last);
            sizes.Add(s);
            left -= s;
        }
        return sizes;
    }
}
