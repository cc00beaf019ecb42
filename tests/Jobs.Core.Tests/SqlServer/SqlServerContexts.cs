using Jobs.Core.Persistence;
using Jobs.Core.Persistence.SqlServer;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Core.Tests.SqlServer;

/// <summary>
/// JOBS contexts configured for SQL Server the way <c>Jobs.Web</c> configures them (provider, migrations assembly,
/// dialect). Building SQL, the model and migration scripts needs no server; only the live suite connects.
/// </summary>
internal static class SqlServerContexts
{
    public const string Variable = "JOBS_TEST_SQLSERVER";

    /// <summary>Never opened: no test without <see cref="Variable"/> touches the network.</summary>
    public const string OfflineConnectionString = "Server=127.0.0.1,1;Database=jobs_offline;User ID=jobs;Password=unused;TrustServerCertificate=true;Connect Timeout=1";

    public static JobsDbContext Offline() => Create(OfflineConnectionString);

    public static JobsDbContext Create(string connectionString)
    {
        var options = new DbContextOptionsBuilder<JobsDbContext>()
            .UseSqlServer(connectionString, o => o.MigrationsAssembly("Jobs.Migrations.SqlServer"))
            .UseJobsDialect(SqlServerDialect.Database);
        return new JobsDbContext(options.Options);
    }
}

/// <summary>
/// A test that needs a real SQL Server: it runs when <c>JOBS_TEST_SQLSERVER</c> holds a connection string (to a login
/// that may create databases) and is reported as skipped, never as passed, otherwise.
/// </summary>
public sealed class SqlServerFactAttribute : FactAttribute
{
    public SqlServerFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(SqlServerContexts.Variable)))
            Skip = $"No SQL Server here: set {SqlServerContexts.Variable} to a connection string to run the live SQL Server suite.";
    }
}
