using System.Data.Common;
using Jobs.Core.Filtering;
using Jobs.Core.Inventory;
using Jobs.Core.Persistence;
using Jobs.Core.Persistence.SqlServer;
using Jobs.Core.Tests.Filtering;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Core.Tests.SqlServer;

/// <summary>
/// The SQL Server checks that need a server (issue 11): migrations apply, the bulk insert's OUTPUT clause and parameter
/// limits hold, and every translation filter selects what <see cref="HostFilter.Matches"/> selects. Skipped (reported
/// as skipped) unless <c>JOBS_TEST_SQLSERVER</c> is set; each run creates and drops its own database.
/// </summary>
public sealed class SqlServerLiveTests
{
    [SqlServerFact]
    public async Task Apply_EveryTranslationFilter_SelectsWhatMatchesSelectsInMemory()
    {
        await using var database = await LiveDatabase.CreateAsync();
        var servers = FilterTestData.Servers(seed: 20261121, count: 400);
        await using (var ctx = database.Context())
        {
            await using var tx = await ctx.Database.BeginTransactionAsync();
            // 400 servers with tags: more than one 190-row chunk, and tag inserts near the 2,100-parameter limit.
            await ServerBulkInsert.InsertAsync(ctx, FilterTestData.Servers(seed: 20261121, count: 400));
            await tx.CommitAsync();
        }

        await using var read = database.Context();
        Assert.Equal(servers.Sum(s => s.Tags.Count), await read.Set<Jobs.Core.Domain.ServerTag>().CountAsync());
        var regex = await RegexAvailableAsync(read);
        foreach (var filter in FilterTranslationTests.Filters())
        {
            var query = filter.Apply(read.Servers.AsNoTracking()).Select(s => s.Hostname);
            if (filter.Text.Contains('~') && !regex)
            {
                var error = await Assert.ThrowsAnyAsync<DbException>(() => query.ToListAsync());
                Assert.Contains(SqlServerDialect.RegexFunction, error.Message, StringComparison.OrdinalIgnoreCase);
                continue;
            }
            var expected = servers.Where(filter.Matches).Select(s => s.Hostname).Order(StringComparer.Ordinal).ToList();
            var actual = (await query.ToListAsync()).Order(StringComparer.Ordinal).ToList();
            Assert.True(expected.SequenceEqual(actual),
                $"SqlServer: '{filter.Text}' selected {actual.Count} in SQL, {expected.Count} in memory; " +
                $"only SQL: {string.Join(", ", actual.Except(expected).Take(5))}; only memory: {string.Join(", ", expected.Except(actual).Take(5))}");
        }
    }

    [SqlServerFact]
    public async Task Migrate_FreshDatabase_LeavesNoPendingMigrations()
    {
        await using var database = await LiveDatabase.CreateAsync();
        await using var ctx = database.Context();

        Assert.Empty(await ctx.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await ctx.Servers.CountAsync());
    }

    [SqlServerFact]
    public async Task IsUniqueViolation_DuplicateInUniqueIndexOrConstraint_IsRecognised()
    {
        await using var database = await LiveDatabase.CreateAsync();
        await using var ctx = database.Context();
        var constraints = SqlServerDialect.Database.Constraints;

        // 2601 (unique index, like the host lock's) and 2627 (unique constraint); a missing table (208) is not one.
        var index = await Assert.ThrowsAnyAsync<DbException>(() => ctx.Database.ExecuteSqlRawAsync(
            "CREATE TABLE #i (x int); CREATE UNIQUE INDEX ix ON #i (x); INSERT INTO #i VALUES (1), (1);"));
        var constraint = await Assert.ThrowsAnyAsync<DbException>(() => ctx.Database.ExecuteSqlRawAsync(
            "CREATE TABLE #c (x int UNIQUE); INSERT INTO #c VALUES (1), (1);"));
        var other = await Assert.ThrowsAnyAsync<DbException>(() => ctx.Database.ExecuteSqlRawAsync("SELECT * FROM no_such_table"));

        Assert.True(constraints.IsUniqueViolation(index), index.Message);
        Assert.True(constraints.IsUniqueViolation(constraint), constraint.Message);
        Assert.False(constraints.IsUniqueViolation(other), other.Message);
    }

    /// <summary>REGEXP_INSTR needs SQL Server 2025 or Azure SQL: asked of the server itself.</summary>
    private static async Task<bool> RegexAvailableAsync(JobsDbContext ctx)
    {
        try
        {
            await ctx.Database.SqlQueryRaw<int>($"SELECT {SqlServerDialect.RegexFunction}(N'a', N'a') AS [Value]").SingleAsync();
            return true;
        }
        catch (SqlException)
        {
            return false;
        }
    }

    private sealed class LiveDatabase(string admin, string name, string connectionString) : IAsyncDisposable
    {
        public static async Task<LiveDatabase> CreateAsync()
        {
            var admin = Environment.GetEnvironmentVariable(SqlServerContexts.Variable)!;
            var name = "jobs_t_" + Guid.NewGuid().ToString("N")[..16];
            await using (var conn = new SqlConnection(admin))
            {
                await conn.OpenAsync();
                await using var cmd = new SqlCommand($"CREATE DATABASE [{name}]", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            var cs = new SqlConnectionStringBuilder(admin) { InitialCatalog = name }.ToString();
            var database = new LiveDatabase(admin, name, cs);
            await using var ctx = database.Context();
            await ctx.Database.MigrateAsync();
            return database;
        }

        public JobsDbContext Context() => SqlServerContexts.Create(connectionString);

        public async ValueTask DisposeAsync()
        {
            SqlConnection.ClearAllPools();
            await using var conn = new SqlConnection(admin);
            await conn.OpenAsync();
            await using var cmd = new SqlCommand(
                $"ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}]", conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
