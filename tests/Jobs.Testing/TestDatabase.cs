using Jobs.Core.Persistence;
using Jobs.Core.Persistence.Postgres;
using Jobs.Core.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Jobs.Testing;

public enum TestProvider { Sqlite, Postgres }

/// <summary>
/// A fresh, empty, migrated database for one test class: a real SQLite file in a temp folder, or a new database on
/// the PostgreSQL server that <c>test.sh</c> started (connection in <c>JOBS_TEST_POSTGRES</c>).
/// PostgreSQL tests never skip silently: without the variable they fail and say how to run them.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "JOBS_TEST_POSTGRES";

    private readonly string? _pgAdmin;
    private readonly string? _pgName;

    private TestDatabase(TestProvider provider, string connectionString, string folder, string? pgAdmin, string? pgName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Folder = folder;
        _pgAdmin = pgAdmin;
        _pgName = pgName;
    }

    public TestProvider Provider { get; }
    public string ConnectionString { get; }
    /// <summary>A temp folder for this database (and anything else the test wants to write), removed on dispose.</summary>
    public string Folder { get; }

    /// <summary>"Sqlite" or "Postgres", as <c>Database:Provider</c> expects.</summary>
    public string ProviderName => Provider.ToString();

    public static async Task<TestDatabase> CreateAsync(TestProvider provider, bool migrate = true)
    {
        var folder = Path.Combine(Path.GetTempPath(), "jobs-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        TestDatabase db;
        if (provider == TestProvider.Sqlite)
        {
            var cs = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "jobs.db") }.ToString();
            db = new TestDatabase(provider, cs, folder, null, null);
        }
        else
        {
            var admin = PostgresAdminConnectionString();
            var name = "jobs_t_" + Guid.NewGuid().ToString("N")[..16];
            await using (var conn = new NpgsqlConnection(admin))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
            db = new TestDatabase(provider, cs, folder, admin, name);
        }
        if (migrate)
        {
            await using var ctx = db.CreateContext();
            await ctx.Database.MigrateAsync();
        }
        return db;
    }

    public static string PostgresAdminConnectionString() =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                $"{PostgresVariable} is not set. PostgreSQL tests run through ./test.sh, which starts a server and sets it.");

    public DbContextOptions<JobsDbContext> Options()
    {
        var b = new DbContextOptionsBuilder<JobsDbContext>();
        Configure(b);
        return b.Options;
    }

    public void Configure(DbContextOptionsBuilder b)
    {
        if (Provider == TestProvider.Postgres)
            b.UseNpgsql(ConnectionString, o => o.MigrationsAssembly("Jobs.Migrations.Postgres")).UseJobsDialect(PostgresDialect.Database);
        else
            b.UseSqlite(ConnectionString, o => o.MigrationsAssembly("Jobs.Migrations.Sqlite")).UseJobsDialect(SqliteDialect.Database);
    }

    public JobsDbContext CreateContext() => new(Options());

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (_pgAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            try
            {
                await using var conn = new NpgsqlConnection(_pgAdmin);
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_pgName}\" WITH (FORCE)", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            catch (NpgsqlException)
            {
                // The server is stopped at the end of the run anyway.
            }
        }
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
