using Jobs.Core.Persistence;
using Jobs.Core.Scheduling;
using Jobs.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace Jobs.Web.Tests.Infrastructure;

/// <summary>
/// Issue 11: <c>Database:Provider=SqlServer</c> as far as it goes without a server — the provider entry picks EF's SQL
/// Server provider, the SQL Server migrations and dialect, and Hangfire's SQL Server storage goes as far as SqlClient. Nothing connects:
/// the connection string points at a closed port on 127.0.0.1.
/// </summary>
public sealed class SqlServerProviderTests
{
    private const string Offline = "Server=127.0.0.1,1;Database=jobs;User ID=jobs;Password=s3cret;TrustServerCertificate=true;Connect Timeout=1";

    [Fact]
    public void Resolve_SqlServerWithoutConnectionString_NamesTheMissingKey()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = "sqlserver" }).Build();

        var error = Assert.Throws<OptionsValidationException>(() => DatabaseSetup.Resolve(config, new HostingEnvironment()));

        Assert.Contains("ConnectionStrings:Jobs is required when Database:Provider is SqlServer.", error.Message);
    }

    [Fact]
    public void Configure_SqlServer_UsesSqlServerMigrationsAndDialect()
    {
        var options = new DbContextOptionsBuilder<JobsDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.SqlServer, Offline);
        using var ctx = new JobsDbContext(options.Options);

        Assert.Equal("Microsoft.EntityFrameworkCore.SqlServer", ctx.Database.ProviderName);
        Assert.Equal("SqlServer", ctx.Dialect().Name);
        Assert.Contains(ctx.Database.GetMigrations(), m => m.EndsWith("_Initial", StringComparison.Ordinal));
        Assert.False(ctx.Database.HasPendingModelChanges());
    }

    [Fact]
    public void Display_SqlServer_LeavesOutThePassword()
    {
        var display = new DatabaseInfo(DatabaseProvider.SqlServer, Offline).Display;

        Assert.DoesNotContain("s3cret", display);
        Assert.Contains("127.0.0.1,1", display);
    }

    [Fact]
    public async Task Scheduler_SqlServer_HangfireStorageReachesSqlClient()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Jobs:Scheduler:Enabled"] = "false" }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddOptions<Jobs.Core.Engine.SchedulerOptions>();
        services.AddJobsScheduling(config, DatabaseProviderSetup.For(DatabaseProvider.SqlServer).Scheduler(Offline));
        await using var provider = services.BuildServiceProvider();

        // Using the storage (it prepares its schema first) needs a server: the furthest this can go here is SqlClient
        // failing to reach the closed port. A missing SqlClient or a wrong storage would fail differently.
        var storage = provider.GetRequiredService<Hangfire.JobStorage>();
        Assert.IsType<Hangfire.SqlServer.SqlServerStorage>(storage);
        var error = Assert.ThrowsAny<Exception>(() =>
        {
            using var connection = storage.GetConnection();
            connection.GetAllItemsFromSet("recurring-jobs");
        });

        Assert.Contains(Chain(error), e => e is Microsoft.Data.SqlClient.SqlException);
    }

    private static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException) yield return e;
    }
}
