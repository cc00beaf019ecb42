using Jobs.Core.Filtering;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Jobs.Core.Persistence;

/// <summary>
/// How one database does bulk inserts: the provider seam of <c>HostTaskBulkInsert</c> and <c>ServerBulkInsert</c>.
/// </summary>
public interface IBulkInsertDialect
{
    /// <summary>
    /// Rows per INSERT statement. 1 = one prepared statement re-bound per row (an in-process database, where round trips
    /// are free and big statements are slow to parse); more = multi-row VALUES, fewer round trips to a server.
    /// </summary>
    int RowsPerStatement { get; }

    /// <summary>Most parameters one command may bind (SQL Server 2,100, PostgreSQL 65,535, SQLite 32,766).</summary>
    int MaxParameters { get; }

    /// <summary>
    /// An <c>INSERT INTO table (columns) VALUES values</c> that also returns <paramref name="returning"/> (already quoted
    /// column names) of the inserted rows: <c>RETURNING</c> on SQLite and PostgreSQL, <c>OUTPUT INSERTED.</c> on SQL Server.
    /// </summary>
    string InsertReturning(string table, string columns, string values, IReadOnlyList<string> returning);
}

/// <summary>The <c>INSERT … RETURNING</c> spelling SQLite and PostgreSQL share.</summary>
public static class ReturningClause
{
    public static string Insert(string table, string columns, string values, IReadOnlyList<string> returning) =>
        $"INSERT INTO {table} ({columns}) VALUES {values} RETURNING {string.Join(", ", returning)}";
}

/// <summary>How one database reports a broken unique index (the cross-job host lock): the provider's own exception,
/// which <c>ExecuteUpdate</c> throws unwrapped.</summary>
public interface IConstraintDialect
{
    bool IsUniqueViolation(System.Data.Common.DbException error);
}

/// <summary>How one database says it cannot serve right now — down, restarting, refusing connections, or (SQLite) busy
/// past its wait — as opposed to an error in the statement: the provider's own exception, wrapped or not by EF.</summary>
public interface IAvailabilityDialect
{
    bool IsUnavailable(System.Data.Common.DbException error);
}

/// <summary>
/// The provider-specific parts of the database context, one interface per concern, picked once at start-up with the
/// provider (<c>UseSqlite(…).UseJobsDialect(SqliteDialect.Database)</c>) and carried in the context's options, so no
/// code asks which provider it runs on. The scheduler's store is the third seam (<c>Scheduling.ISchedulerStorage</c>).
/// </summary>
public sealed record DatabaseDialect(string Name, IFilterSqlDialect Filter, IBulkInsertDialect BulkInsert, IConstraintDialect Constraints,
    IAvailabilityDialect Availability)
{
    /// <summary>True when <paramref name="error"/> or an exception inside it says the database is unavailable for the
    /// moment (<see cref="IAvailabilityDialect"/>): wait and try again, nothing is wrong with the request.</summary>
    public bool IsUnavailable(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
            if (e is System.Data.Common.DbException db && Availability.IsUnavailable(db)) return true;
        return false;
    }
}

public static class DatabaseDialectExtensions
{
    public static DbContextOptionsBuilder UseJobsDialect(this DbContextOptionsBuilder options, DatabaseDialect dialect)
    {
        ((IDbContextOptionsBuilderInfrastructure)options).AddOrUpdateExtension(new DialectExtension(dialect));
        return options;
    }

    public static DbContextOptionsBuilder<TContext> UseJobsDialect<TContext>(this DbContextOptionsBuilder<TContext> options,
        DatabaseDialect dialect) where TContext : DbContext
    {
        ((DbContextOptionsBuilder)options).UseJobsDialect(dialect);
        return options;
    }

    /// <summary>The dialect the context was configured with.</summary>
    public static DatabaseDialect Dialect(this DbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<DialectExtension>()?.Dialect
        ?? throw new InvalidOperationException(
            "The JOBS database context has no dialect: configure it with UseJobsDialect(SqliteDialect.Database) or " +
            "UseJobsDialect(PostgresDialect.Database) next to UseSqlite/UseNpgsql (see Jobs.Web/Infrastructure/DatabaseSetup.cs).");

    private sealed class DialectExtension(DatabaseDialect dialect) : IDbContextOptionsExtension
    {
        private DbContextOptionsExtensionInfo? _info;

        public DatabaseDialect Dialect => dialect;

        public DbContextOptionsExtensionInfo Info => _info ??= new ExtensionInfo(this);

        public void ApplyServices(IServiceCollection services)
        {
        }

        public void Validate(IDbContextOptions options)
        {
        }

        private sealed class ExtensionInfo(DialectExtension extension) : DbContextOptionsExtensionInfo(extension)
        {
            public override bool IsDatabaseProvider => false;

            public override string LogFragment => $"JobsDialect={extension.Dialect.Name} ";

            // The model differs per dialect (the filter's functions), so contexts of different dialects never share one.
            public override int GetServiceProviderHashCode() => extension.Dialect.Name.GetHashCode(StringComparison.Ordinal);

            public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) =>
                other is ExtensionInfo o && o.Extension is DialectExtension d && d.Dialect.Name == extension.Dialect.Name;

            public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) =>
                debugInfo["Jobs:Dialect"] = extension.Dialect.Name;
        }
    }
}
