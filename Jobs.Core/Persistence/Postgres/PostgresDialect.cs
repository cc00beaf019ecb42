using Jobs.Core.Filtering;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;

namespace Jobs.Core.Persistence.Postgres;

/// <summary>PostgreSQL: the provider seams of JOBS for it (filter functions, bulk inserts, constraints).</summary>
public static class PostgresDialect
{
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";

    public static DatabaseDialect Database { get; } = new("Postgres", new FilterSql(), new BulkInsert(), new Constraints(), new Availability());

    private sealed class Constraints : IConstraintDialect
    {
        // unique_violation (PostgreSQL error codes, class 23).
        public bool IsUniqueViolation(System.Data.Common.DbException error) => error.SqlState == "23505";
    }

    private sealed class Availability : IAvailabilityDialect
    {
        // Npgsql marks as transient what a retry can cure: connection refused or broken, the server shutting down or
        // starting (57P01, 57P03), too many connections, and the like.
        public bool IsUnavailable(System.Data.Common.DbException error) => error.IsTransient;
    }

    private sealed class FilterSql : IFilterSqlDialect
    {
        // lower() folds by the database's locale; translate() folds exactly A–Z, as FilterText.Fold does.
        public SqlExpression Fold(SqlExpression value) =>
            new SqlFunctionExpression("translate",
                [value, new SqlConstantExpression(Upper, typeof(string), value.TypeMapping), new SqlConstantExpression(Lower, typeof(string), value.TypeMapping)],
                nullable: true, argumentsPropagateNullability: [true, false, false], typeof(string), value.TypeMapping);

        // The database's collation may sort and compare by locale: "C" compares by code point.
        public SqlExpression Ordinal(SqlExpression value) => new CollateExpression(value, "C");

        // textregexeq(input, pattern) is the function behind ~; Regex.IsMatch is not used because Npgsql prefixes the
        // pattern with its own option group, which clashes with the (?i) the filter needs.
        public SqlExpression RegexMatch(SqlExpression input, SqlExpression pattern) =>
            new SqlFunctionExpression("textregexeq", [input, pattern], nullable: true, argumentsPropagateNullability: [true, true], typeof(bool), null);
    }

    private sealed class BulkInsert : IBulkInsertDialect
    {
        // A server: fewer round trips; 500 rows × 11 columns stays far below the 65,535 parameters of a statement.
        public int RowsPerStatement => 500;

        public int MaxParameters => 65_535;

        public string InsertReturning(string table, string columns, string values, IReadOnlyList<string> returning) =>
            ReturningClause.Insert(table, columns, values, returning);
    }
}
