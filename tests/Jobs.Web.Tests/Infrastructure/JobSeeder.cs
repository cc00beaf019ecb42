using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Web.Tests.Infrastructure;

/// <summary>
/// Puts a job with batches and hosts straight into the database, in the states a test needs, the way the engine's
/// set-based updates leave them (host rows updated in SQL, batch counters refreshed from them).
/// </summary>
public static class JobSeeder
{
    public static readonly DateTime T0 = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    public static JobDefinition Definition(string name = "patch order-api", string executor = "simulated") => new(
        name, "seeded for tests", "env=prod", executor, """{"latencyMs": 10}""", "1%,5%,10%", 20, 600, true, null,
        GateSettings.Default, GateFailureAction.Pause, null);

    /// <summary>
    /// A job of <paramref name="hosts"/> hosts split into batches of <paramref name="batchSizes"/>. Hosts of batch 1
    /// succeed except every tenth, which fails (exit 2, Environment); later batches stay pending unless
    /// <paramref name="finishAll"/>.
    /// </summary>
    public static async Task<long> SeedAsync(JobsDbContext db, int[] batchSizes, JobStatus status = JobStatus.Running,
        bool finishAll = false, string name = "patch order-api", string? stdout = null)
    {
        var job = new Job(Definition(name), "tester", T0);
        job.SetPlan(batchSizes.Select((s, i) => new Batch(i + 1, s)), batchSizes.Sum(), 3);
        db.Jobs.Add(job);
        await db.SaveChangesAsync();

        var batches = job.Batches.ToList();
        var n = 0;
        foreach (var b in batches)
        {
            for (var p = 0; p < b.Size; p++, n++)
            {
                db.HostTasks.Add(new HostTask(job.Id, b.Id, b.Index, p, $"web-{n:D5}.sh2.example", $"10.1.{n / 250}.{n % 250 + 1}",
                    n % 2 == 0 ? "SH2" : "BJ1", "prod", n % 3 == 0 ? "pay-api" : "order-api"));
            }
        }
        db.JobExclusions.Add(new JobExclusion(job.Id, "web-offline-1.example", "offline"));
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var done = finishAll ? batches : batches.Take(1).ToList();
        foreach (var b in done)
        {
            var started = T0.AddMinutes(b.Index);
            await db.HostTasks.Where(h => h.BatchId == b.Id).ExecuteUpdateAsync(s => s
                .SetProperty(h => h.Status, HostStatus.Succeeded)
                .SetProperty(h => h.StartedAt, started)
                .SetProperty(h => h.FinishedAt, started.AddSeconds(30))
                .SetProperty(h => h.DurationMs, 30_000)
                .SetProperty(h => h.ExitCode, 0)
                .SetProperty(h => h.Stdout, stdout ?? "ok\n"));
            await db.HostTasks.Where(h => h.BatchId == b.Id && h.Position % 10 == 9).ExecuteUpdateAsync(s => s
                .SetProperty(h => h.Status, HostStatus.Failed)
                .SetProperty(h => h.ExitCode, 2)
                .SetProperty(h => h.Category, ErrorCategory.Environment)
                .SetProperty(h => h.Stderr, "connection refused\u001b[0m"));
        }
        await RefreshCountersAsync(db, job.Id);

        var tracked = await db.Jobs.Include(j => j.Batches).SingleAsync(j => j.Id == job.Id);
        if (status != JobStatus.Scheduled)
        {
            tracked.Start(T0);
            foreach (var b in tracked.Batches.Where(b => done.Any(d => d.Id == b.Id)))
            {
                b.Start(T0.AddMinutes(b.Index));
                b.BeginVerifying(null);
                b.Pass("failure rate 10% ≤ 10%", T0.AddMinutes(b.Index).AddSeconds(31));
            }
            switch (status)
            {
                case JobStatus.Paused: tracked.Pause("paused by tester"); break;
                case JobStatus.Aborted: tracked.Abort("aborted by tester", T0.AddHours(1)); break;
                case JobStatus.CompletedWithFailures: tracked.Complete(true, T0.AddHours(1)); break;
                case JobStatus.Succeeded: tracked.Complete(false, T0.AddHours(1)); break;
            }
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return job.Id;
    }

    /// <summary>Recomputes every batch's counters of a job from its host rows (what the engine does each tick).</summary>
    public static async Task RefreshCountersAsync(JobsDbContext db, long jobId)
    {
        var counts = await db.HostTasks.Where(h => h.JobId == jobId).GroupBy(h => new { h.BatchId, h.Status })
            .Select(g => new { g.Key.BatchId, g.Key.Status, N = g.Count() }).ToListAsync();
        var batches = await db.Batches.Where(b => b.JobId == jobId).ToListAsync();
        foreach (var b in batches)
        {
            int C(HostStatus s) => counts.Where(c => c.BatchId == b.Id && c.Status == s).Sum(c => c.N);
            b.SetCounts(C(HostStatus.Pending), C(HostStatus.Running), C(HostStatus.Succeeded), C(HostStatus.Failed),
                C(HostStatus.TimedOut), C(HostStatus.Canceled), C(HostStatus.Skipped), 30_000, 30_000);
        }
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
}
