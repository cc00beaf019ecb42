using Jobs.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Jobs.Web.Infrastructure;

/// <summary>Options under <c>Jobs</c>.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Folder for the embedded database, logs and other files; relative paths are under the content root. Default <c>data</c>.</summary>
    public string DataPath { get; set; } = "data";
}

public enum DatabaseProvider { Sqlite, Postgres, SqlServer }

/// <summary>Options under <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (default, embedded file), <c>Postgres</c> or <c>SqlServer</c> (both need <c>ConnectionStrings:Jobs</c>).</summary>
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
                [$"Database:Provider must be 'Sqlite', 'Postgres' or 'SqlServer', not '{raw}'."]);
        var cs = DatabaseProviderSetup.For(provider).ConnectionString(config.GetConnectionString("Jobs"), () =>
        {
            var dataPath = ResolveDataPath(config, env);
            Directory.CreateDirectory(dataPath);
            return dataPath;
        });
        return (provider, cs);
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
        DatabaseProviderSetup.For(provider).Configure(o, cs);
        // A failed command, connection or query is logged once, by the code that handles its exception (the engine's
        // step, the request's error handler, DatabaseOutage for an unreachable database) — not a second time, with a
        // stack trace per request, by EF itself.
        o.ConfigureWarnings(w => w.Log(
            (RelationalEventId.CommandError, LogLevel.Debug),
            (RelationalEventId.ConnectionError, LogLevel.Debug),
            (CoreEventId.QueryIterationFailed, LogLevel.Debug),
            (CoreEventId.SaveChangesFailed, LogLevel.Debug)));
    }

    /// <summary>Applies pending migrations. A model changed without a migration throws (PendingModelChangesWarning).</summary>
    public static async Task MigrateJobsDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JobsDbContext>();
        await DatabaseProviderSetup.For(scope.ServiceProvider.GetRequiredService<DatabaseInfo>().Provider).PrepareAsync(db, ct);
        await db.Database.MigrateAsync(ct);
    }
}

public sealed record DatabaseInfo(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>For logs and the UI: the connection string without a password.</summary>
    public string Display => DatabaseProviderSetup.For(Provider).Display(ConnectionString);
}
