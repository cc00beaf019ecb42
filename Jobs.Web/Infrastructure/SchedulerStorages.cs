using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Jobs.Core.Engine;
using Jobs.Core.Scheduling;
using Npgsql;

namespace Jobs.Web.Infrastructure;

/// <summary>
/// Hangfire's storage per database provider (ADR 0010), beside the EF provider it goes with. Hangfire only decides who
/// runs what; every job's state is in our tables, so a storage that forgets (in-memory) loses nothing a restart does not
/// re-derive.
/// </summary>
internal static class SchedulerStorages
{
    /// <summary>Embedded SQLite, one process: in memory (ADR 0010 — a runner starts in 4 ms at the median against
    /// 115 ms with Hangfire.Storage.SQLite, which also drained 2,000 short jobs too slowly, and nothing competes with the
    /// engine for the app file's write lock). A restart forgets it; reconciliation re-derives every runner from our tables.</summary>
    public sealed class Sqlite : ISchedulerStorage
    {
        public JobStorage Create(SchedulerOptions options) => new InMemoryStorage(new InMemoryStorageOptions { IdType = InMemoryStorageIdType.Long });
    }

    /// <summary>PostgreSQL: schema <c>hangfire</c> in the application database, shared by every node. Long polling
    /// (LISTEN/NOTIFY) so a runner enqueued on one node starts on another within milliseconds, not seconds; its own
    /// connection pool (an application name of its own), sized to the workers that wait in it.</summary>
    public sealed class Postgres(string connectionString) : ISchedulerStorage
    {
        public JobStorage Create(SchedulerOptions options)
        {
            var cs = new NpgsqlConnectionStringBuilder(connectionString)
            {
                ApplicationName = "JOBS scheduler",
                MaxPoolSize = options.Workers * 2 + 10,
            }.ConnectionString;
            var storageOptions = new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire",
                PrepareSchemaIfNecessary = true,
                EnableLongPolling = true,
                QueuePollInterval = TimeSpan.FromSeconds(5),
                // A job fetched by a node that died is handed to another after this; ours are short and never retried.
                InvisibilityTimeout = TimeSpan.FromMinutes(5),
                UseSlidingInvisibilityTimeout = true,
                DistributedLockTimeout = TimeSpan.FromMinutes(1),
            };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(cs, storageOptions), storageOptions);
        }
    }

    /// <summary>SQL Server: schema <c>HangFire</c> in the application database, shared by every node; Hangfire 1.8's
    /// recommended settings (sliding invisibility, no polling delay on the queue).</summary>
    public sealed class SqlServer(string connectionString) : ISchedulerStorage
    {
        public JobStorage Create(SchedulerOptions options) => new SqlServerStorage(connectionString, new SqlServerStorageOptions
        {
            SchemaName = "HangFire",
            PrepareSchemaIfNecessary = true,
            CommandBatchMaxTimeout = TimeSpan.FromMinutes(5),
            SlidingInvisibilityTimeout = TimeSpan.FromMinutes(5),
            QueuePollInterval = TimeSpan.Zero,
            UseRecommendedIsolationLevel = true,
            DisableGlobalLocks = true,
        });
    }
}
