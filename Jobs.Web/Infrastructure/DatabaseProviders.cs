using Jobs.Core.Persistence;
using Jobs.Core.Persistence.Postgres;
using Jobs.Core.Persistence.Sqlite;
using Jobs.Core.Scheduling;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jobs.Web.Infrastructure;

/// <summary>
/// Everything that differs per database provider, in one place: the connection string's default, the EF provider with
/// its JOBS dialect (<see cref="DatabaseDialect"/>: filter functions, bulk inserts), the scheduler's store, start-up
/// preparation and how the database is named in logs. Picked once, from <c>Database:Provider</c>; nothing else asks
/// which provider runs. A third provider is one more subclass here and one folder under <c>Jobs.Core/Persistence</c>.
/// </summary>
public abstract class DatabaseProviderSetup
{
    private static readonly Dictionary<DatabaseProvider, DatabaseProviderSetup> Providers = new()
    {
        [DatabaseProvider.Sqlite] = new SqliteSetup(),
        [DatabaseProvider.Postgres] = new PostgresSetup(),
        [DatabaseProvider.SqlServer] = new SqlServerProviderSetup(),
    };

    public static DatabaseProviderSetup For(DatabaseProvider provider) => Providers[provider];

    /// <summary>The effective connection string from <c>ConnectionStrings:Jobs</c> (null when unset).</summary>
    public abstract string ConnectionString(string? configured, Func<string> dataPath);

    /// <summary>The EF provider, its migrations assembly and the JOBS dialect.</summary>
    public abstract void Configure(DbContextOptionsBuilder options, string connectionString);

    public abstract ISchedulerStorage Scheduler(string connectionString);

    /// <summary>Runs once before migrations.</summary>
    public virtual Task PrepareAsync(JobsDbContext db, CancellationToken ct) => Task.CompletedTask;

    /// <summary>The database for logs and the UI: never a password.</summary>
    public abstract string Display(string connectionString);

    private sealed class SqliteSetup : DatabaseProviderSetup
    {
        public override string ConnectionString(string? configured, Func<string> dataPath)
        {
            var cs = string.IsNullOrWhiteSpace(configured)
                ? new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataPath(), "jobs.db") }.ToString()
                : configured;
            return new SqliteConnectionStringBuilder(cs) { DefaultTimeout = 30, Pooling = true }.ToString();
        }

        public override void Configure(DbContextOptionsBuilder options, string connectionString) =>
            options.UseSqlite(connectionString, x => x.MigrationsAssembly("Jobs.Migrations.Sqlite"))
                .AddInterceptors(SqlitePragmaInterceptor.Instance)
                .UseJobsDialect(SqliteDialect.Database);

        public override ISchedulerStorage Scheduler(string connectionString) => new SchedulerStorages.Sqlite();

        public override async Task PrepareAsync(JobsDbContext db, CancellationToken ct)
        {
            // WAL lets the dashboard read while the scheduler writes.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.CloseConnectionAsync();
        }

        public override string Display(string connectionString) => new SqliteConnectionStringBuilder(connectionString).DataSource;
    }

    /// <summary>The ConnectionStrings:Jobs a server database cannot do without.</summary>
    protected static string Required(string? configured, DatabaseProvider provider) =>
        string.IsNullOrWhiteSpace(configured)
            ? throw new OptionsValidationException("ConnectionStrings:Jobs", typeof(DatabaseOptions),
                [$"ConnectionStrings:Jobs is required when Database:Provider is {provider}."])
            : configured;

    private sealed class PostgresSetup : DatabaseProviderSetup
    {
        public override string ConnectionString(string? configured, Func<string> dataPath) => Required(configured, DatabaseProvider.Postgres);

        public override void Configure(DbContextOptionsBuilder options, string connectionString) =>
            options.UseNpgsql(connectionString, x => x.MigrationsAssembly("Jobs.Migrations.Postgres"))
                .AddInterceptors(PostgresRegexInterceptor.Instance)
                .UseJobsDialect(PostgresDialect.Database);

        public override ISchedulerStorage Scheduler(string connectionString) => new SchedulerStorages.Postgres(connectionString);

        public override string Display(string connectionString) =>
            string.Join(';', connectionString.Split(';').Where(p => !p.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase)));
    }
}
