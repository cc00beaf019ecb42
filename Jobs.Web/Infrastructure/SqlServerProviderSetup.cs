using Jobs.Core.Persistence;
using Jobs.Core.Persistence.SqlServer;
using Jobs.Core.Scheduling;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Web.Infrastructure;

/// <summary>
/// SQL Server (<c>Database:Provider=SqlServer</c>): EF's SQL Server provider, the <c>Jobs.Migrations.SqlServer</c>
/// assembly, <see cref="SqlServerDialect"/> and Hangfire in the same database (schema <c>HangFire</c>). Verified without a server only
/// (README "SQL Server").
/// </summary>
internal sealed class SqlServerProviderSetup : DatabaseProviderSetup
{
    public override string ConnectionString(string? configured, Func<string> dataPath) => Required(configured, DatabaseProvider.SqlServer);

    public override void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlServer(connectionString, x => x.MigrationsAssembly("Jobs.Migrations.SqlServer"))
            .AddInterceptors(SqlServerRegexInterceptor.Instance)
            .UseJobsDialect(SqlServerDialect.Database);

    public override ISchedulerStorage Scheduler(string connectionString) => new SchedulerStorages.SqlServer(connectionString);

    public override string Display(string connectionString)
    {
        var builder = new SqlConnectionStringBuilder(connectionString);
        builder.Remove("Password");
        return builder.ToString();
    }
}
