using Jobs.Core.Filtering;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;

namespace Jobs.Core.Persistence.Sqlite;

/// <summary>Embedded SQLite: the provider seams of JOBS for it (filter functions, bulk inserts, constraints).</summary>
public static class SqliteDialect
{
    public static DatabaseDialect Database { get; } = new("Sqlite", new FilterSql(), new BulkInsert(), new Constraints(), new Availability());

    private sealed class Constraints : IConstraintDialect
    {
        // SqliteException keeps SQLite's codes in its own properties (Core does not reference the provider), but its
        // message carries SQLite's text for SQLITE_CONSTRAINT_UNIQUE, "UNIQUE constraint failed: <table>.<column>",
        // which SQLite has kept word for word since 3.8.
        public bool IsUniqueViolation(System.Data.Common.DbException error) =>
            error.Message.Contains("UNIQUE constraint failed", StringComparison.Ordinal);
    }

    private sealed class Availability : IAvailabilityDialect
    {
        // SQLITE_BUSY (5) and SQLITE_LOCKED (6): another writer held the file for longer than the connection's busy
        // timeout. SqliteErrorCode is read by name because Core does not reference the provider.
        public bool IsUnavailable(System.Data.Common.DbException error) =>
            error.GetType().GetProperty("SqliteErrorCode")?.GetValue(error) is int code && code is 5 or 6;
    }

    private sealed class FilterSql : IFilterSqlDialect
    {
        // SQLite's lower() folds ASCII only, which is exactly FilterText.Fold.
        public SqlExpression Fold(SqlExpression value) =>
            new SqlFunctionExpression("lower", [value], nullable: true, argumentsPropagateNullability: [true], typeof(string), value.TypeMapping);

        // SQLite compares text by code point (BINARY) already.
        public SqlExpression Ordinal(SqlExpression value) => value;

        // regexp(pattern, input): the function registered on every connection (SqlitePragmaInterceptor).
        public SqlExpression RegexMatch(SqlExpression input, SqlExpression pattern) =>
            new SqlFunctionExpression("regexp", [pattern, input], nullable: true, argumentsPropagateNullability: [true, true], typeof(bool), null);
    }

    private sealed class BulkInsert : IBulkInsertDialect
    {
        // In-process: one prepared statement per row; SQLite looks named parameters up linearly (ADR in HostTaskBulkInsert).
        public int RowsPerStatement => 1;

        public int MaxParameters => 32_766;

        public string InsertReturning(string table, string columns, string values, IReadOnlyList<string> returning) =>
            ReturningClause.Insert(table, columns, values, returning);
    }

}
