using System.Data.Common;
using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Jobs.Core.Retention;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jobs.Web.Tests.Operations;

/// <summary>Issue 13, retention: old finished jobs go in bounded chunks, audited and logged; pinned, live and recent ones stay.</summary>
public sealed class RetentionTests
{
    private const int Chunk = 7;

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Purge_OldFinishedJobs_DeletedInChunks_PinnedLiveAndRecentKept_AuditedAndLogged(TestProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        long old, pinned, live, recent;
        await using (var db = database.CreateContext())
        {
            old = await JobSeeder.SeedAsync(db, [10, 15], JobStatus.Succeeded, finishAll: true, name: "old");
            pinned = await JobSeeder.SeedAsync(db, [5], JobStatus.Aborted, name: "pinned");
            live = await JobSeeder.SeedAsync(db, [5], JobStatus.Running, name: "live");
            recent = await JobSeeder.SeedAsync(db, [5], JobStatus.CompletedWithFailures, finishAll: true, name: "recent");
            (await db.Jobs.SingleAsync(j => j.Id == pinned)).SetPinned(true);
            var oldJob = await db.Jobs.SingleAsync(j => j.Id == old);
            db.NotificationDeliveries.Add(new NotificationDelivery(oldJob, NotificationEvent.Succeeded, "ops", JobSeeder.T0));
            var retried = await db.HostTasks.FirstAsync(h => h.JobId == old && h.Status == HostStatus.Failed);
            db.HostAttempts.Add(retried.ArchiveForRetry());
            await db.SaveChangesAsync();
            await db.Jobs.Where(j => j.Id == recent).ExecuteUpdateAsync(s => s.SetProperty(j => j.FinishedAt, JobSeeder.T0.AddDays(100)));
        }
        var clock = new ManualClock(new DateTimeOffset(JobSeeder.T0.AddDays(200)));
        var logs = new CapturingLoggerProvider();
        var deletes = new HostDeleteCounter();

        var first = await PurgeAsync(database, clock, logs, deletes);

        Assert.Equal(new PurgeResult(1, 25), first);
        Assert.Equal([7, 7, 7, 4], deletes.HostRows); // 25 host rows, never more than a chunk in one statement
        await using (var db = database.CreateContext())
        {
            Assert.False(await db.Jobs.AnyAsync(j => j.Id == old));
            Assert.False(await db.HostTasks.AnyAsync(h => h.JobId == old));
            Assert.False(await db.HostAttempts.AnyAsync(a => a.JobId == old));
            Assert.False(await db.Batches.AnyAsync(b => b.JobId == old));
            Assert.False(await db.JobExclusions.AnyAsync(e => e.JobId == old));
            Assert.False(await db.NotificationDeliveries.AnyAsync(d => d.JobId == old));
            Assert.Equal(new[] { live, pinned, recent }.Order().ToArray(), (await db.Jobs.Select(j => j.Id).ToListAsync()).Order().ToArray());
            Assert.Equal(15, await db.HostTasks.CountAsync());
            var audit = await db.AuditEntries.SingleAsync(a => a.Action == "job.purge");
            Assert.Equal($"job/{old}", audit.Target);
            Assert.Equal("system", audit.Actor);
            Assert.Contains("25 hosts; purged after 180 days", audit.Detail);
        }
        Assert.Contains(logs.Lines, l => l.Contains("Retention: purged 1 finished jobs with 25 host rows"));

        // Unpinned, the aborted job is old enough to go too; the recent and the live one still stay.
        await using (var db = database.CreateContext())
        {
            (await db.Jobs.SingleAsync(j => j.Id == pinned)).SetPinned(false);
            await db.SaveChangesAsync();
        }
        deletes.HostRows.Clear();
        Assert.Equal(new PurgeResult(1, 5), await PurgeAsync(database, clock, logs, deletes));
        Assert.Equal([5], deletes.HostRows);
        await using (var db = database.CreateContext())
            Assert.Equal(new[] { live, recent }.Order().ToArray(), (await db.Jobs.Select(j => j.Id).ToListAsync()).Order().ToArray());
    }

    private static async Task<PurgeResult> PurgeAsync(TestDatabase database, ManualClock clock, CapturingLoggerProvider logs, HostDeleteCounter deletes)
    {
        var options = new DbContextOptionsBuilder<JobsDbContext>();
        database.Configure(options);
        options.AddInterceptors(deletes);
        await using var db = new JobsDbContext(options.Options);
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var retention = new JobRetention(db, Options.Create(new RetentionOptions { Days = 180, ChunkSize = Chunk }), clock,
            factory.CreateLogger<JobRetention>());
        return await retention.PurgeAsync(default);
    }

    /// <summary>How many host rows each DELETE on HostTasks removed (the chunk bound, seen from the database's side).</summary>
    private sealed class HostDeleteCounter : DbCommandInterceptor
    {
        public List<int> HostRows { get; } = [];

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
            CancellationToken cancellationToken = default)
        {
            if (command.CommandText.TrimStart().StartsWith("DELETE FROM \"HostTasks\"", StringComparison.Ordinal)) HostRows.Add(result);
            return ValueTask.FromResult(result);
        }
    }
}
