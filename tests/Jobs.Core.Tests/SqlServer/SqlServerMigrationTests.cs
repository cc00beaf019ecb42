using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Jobs.Core.Tests.SqlServer;

/// <summary>
/// What can be proven about the SQL Server schema without a server (issue 11): the migrations match the model, the
/// design-time script builds, and no index has a key column SQL Server refuses.
/// </summary>
public sealed class SqlServerMigrationTests
{
    [Fact]
    public void Migrations_SqlServer_NoPendingModelChanges()
    {
        using var ctx = SqlServerContexts.Offline();

        Assert.False(ctx.Database.HasPendingModelChanges(),
            "The model changed without a SQL Server migration: run `dotnet ef migrations add <Name> --project " +
            "Migrations/Jobs.Migrations.SqlServer --startup-project Migrations/Jobs.DesignHost -- --provider SqlServer` (README).");
    }

    [Fact]
    public void GenerateScript_SqlServer_CreatesEveryTableInTSql()
    {
        using var ctx = SqlServerContexts.Offline();
        var migrator = ctx.GetService<IMigrator>();

        // What `dotnet ef migrations script` prints, through the same service, with no connection.
        var script = migrator.GenerateScript();
        var idempotent = migrator.GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        foreach (var table in ctx.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct())
            Assert.Contains($"CREATE TABLE [{table}]", script);
        Assert.Contains("IDENTITY", script);
        Assert.Contains("[__EFMigrationsHistory]", script);
        Assert.Contains("IF NOT EXISTS", idempotent);
        Assert.DoesNotContain("AUTOINCREMENT", script);
        Assert.DoesNotContain("RETURNING", script);
    }

    [Fact]
    public void Indexes_SqlServer_HaveNoUnboundedKeyColumns()
    {
        using var ctx = SqlServerContexts.Offline();

        // SQL Server refuses an nvarchar(max)/varbinary(max) key column outright (error 1919); a key longer than
        // 900/1,700 bytes is only a warning for variable-length columns (Identity's 450-character keys), so not checked.
        var problems = ctx.GetService<IDesignTimeModel>().Model.GetRelationalModel().Tables
            .SelectMany(t => t.Indexes.Select(i => (Table: t.Name, i.Name, i.Columns))
                .Concat(t.UniqueConstraints.Select(u => (Table: t.Name, u.Name, u.Columns))))
            .SelectMany(i => i.Columns.Where(c => c.StoreType.Contains("(max)", StringComparison.OrdinalIgnoreCase))
                .Select(c => $"{i.Table}.{i.Name}: {c.Name} is {c.StoreType}"))
            .ToList();

        Assert.True(problems.Count == 0, "SQL Server would refuse these index keys (give the property a max length): " +
            string.Join("; ", problems));
    }
}
