using Jobs.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jobs.Web.Infrastructure;

/// <summary>Options under <c>Jobs</c>.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Folder for the embedded database, logs and other files; relative paths are under the content root. Default <c>data</c>.</summary>
    public string DataPath { get; set; } = "data";
}

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>Options under <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (default, embedded file) or <c>Postgres</c> (needs <c>ConnectionStrings:Jobs</c>).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

public static class DatabaseSetup
{
    public static string ResolveDataPath(IConfiguration config, IHostEnvironment env)
    {
        // Read before DI exists (logs and the database need it first); JobsOptions holds the one default.
        var path = config.GetSection(JobsOptions.Section).Get<JobsOptions>()?.DataPath is { Length: > 0 } p ? p : new JobsOptions().DataPath;
        return Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(env.ContentRootPath, path));
    }

    /// <summary>The effective connection string: <c>ConnectionStrings:Jobs</c>, or for SQLite a file <c>jobs.db</c> in the data folder.</summary>
    public static (DatabaseProvider Provider, string ConnectionString) Resolve(IConfiguration config, IHostEnvironment env)
    {
        var raw = config[$"{DatabaseOptions.Section}:Provider"];
        var provider = DatabaseProvider.Sqlite;
        if (!string.IsNullOrWhiteSpace(raw) && !Enum.TryParse(raw, ignoreCase: true, out provider))
            throw new OptionsValidationException("Database:Provider", typeof(DatabaseOptions),
                [$"Database:Provider must be 'Sqlite' or 'Postgres', not '{raw}'."]);
        var cs = config.GetConnectionString("Jobs");
        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(cs))
                throw new OptionsValidationException("ConnectionStrings:Jobs", typeof(DatabaseOptions),
                    ["ConnectionStrings:Jobs is required when Database:Provider is Postgres."]);
            return (provider, cs);
        }
        if (string.IsNullOrWhiteSpace(cs))
        {
            var dataPath = ResolveDataPath(config, env);
            Directory.CreateDirectory(dataPath);
            cs = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataPath, "jobs.db") }.ToString();
        }
        var b = new SqliteConnectionStringBuilder(cs) { DefaultTimeout = 30, Pooling = true };
        return (provider, b.ToString());
    }

    public static IServiceCollection AddJobsDatabase(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var (provider, cs) = Resolve(config, env);
        services.AddSingleton(new DatabaseInfo(provider, cs));
        services.AddDbContext<JobsDbContext>(o => Configure(o, provider, cs));
        return services;
    }

    public static void Configure(DbContextOptionsBuilder o, DatabaseProvider provider, string cs)
    {
        if (provider == DatabaseProvider.Postgres)
            o.UseNpgsql(cs, x => x.MigrationsAssembly("Jobs.Migrations.Postgres"));
        else
            o.UseSqlite(cs, x => x.MigrationsAssembly("Jobs.Migrations.Sqlite"))
                .AddInterceptors(SqlitePragmaInterceptor.Instance);
    }

    /// <summary>Applies pending migrations. A model changed without a migration throws (PendingModelChangesWarning).</summary>
    public static async Task MigrateJobsDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JobsDbContext>();
        if (db.Database.IsSqlite())
        {
            // WAL lets the dashboard read while the scheduler writes.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.CloseConnectionAsync();
        }
        await db.Database.MigrateAsync(ct);
    }
}

public sealed record DatabaseInfo(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>For logs and the UI: the connection string without a password.</summary>
    public string Display => Provider == DatabaseProvider.Sqlite
        ? new SqliteConnectionStringBuilder(ConnectionString).DataSource
        : string.Join(';', ConnectionString.Split(';').Where(p => !p.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase)));
}
