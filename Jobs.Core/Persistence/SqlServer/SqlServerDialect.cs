using System.Linq.Expressions;
using Jobs.Core.Filtering;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jobs.Core.Persistence.SqlServer;

/// <summary>
/// SQL Server (2017 or later; <c>~</c> needs 2025): the provider seams of JOBS for it (filter functions, bulk inserts,
/// constraints). The meaning of every filter function is ADR 0003's, section "SQL Server".
/// </summary>
public static class SqlServerDialect
{
    /// <summary>Code-point order and exact matching whatever the database's default collation (CI/AS, SQL_Latin1…).</summary>
    public const string BinaryCollation = "Latin1_General_100_BIN2";

    /// <summary>The one SQL function that needs SQL Server 2025 (or Azure SQL): the filter's <c>~</c>.</summary>
    public const string RegexFunction = "REGEXP_INSTR";

    /// <summary>
    /// Rows per INSERT: SQL Server accepts at most 2,100 parameters a command, and the host-task insert binds 11 a row
    /// (190 × 11 = 2,090). Also under the 1,000-row limit of a VALUES list.
    /// </summary>
    public const int MaxRowsPerStatement = 190;

    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";

    public static DatabaseDialect Database { get; } = new("SqlServer", new FilterSql(), new BulkInsert(), new Constraints(), new Availability());


    private sealed class Availability : IAvailabilityDialect
    {
        // SqlClient marks its transient errors (server unreachable, failover, throttling) as such.
        public bool IsUnavailable(System.Data.Common.DbException error) => error.IsTransient;
    }

    private sealed class Constraints : IConstraintDialect
    {
        // 2601: duplicate key in a unique index (the host lock's filtered index); 2627: in a unique constraint.
        // SqlException.Number is read by name because Core does not reference SqlClient, and the message text is in
        // the server's language.
        public bool IsUniqueViolation(System.Data.Common.DbException error) =>
            error.GetType().GetProperty("Number")?.GetValue(error) is int number && number is 2601 or 2627;
    }

    private sealed class FilterSql : IFilterSqlDialect
    {
        // LOWER() folds every letter the collation knows (É → é); TRANSLATE under a binary collation maps exactly
        // A–Z, as FilterText.Fold does, and leaves the result binary-collated, so comparisons on it are ordinal too.
        public SqlExpression Fold(SqlExpression value) =>
            new SqlFunctionExpression("TRANSLATE",
                [new CollateExpression(value, BinaryCollation), Constant(Upper, value), Constant(Lower, value)],
                nullable: true, argumentsPropagateNullability: [true, false, false], typeof(string), value.TypeMapping);

        // The usual database collations are case-insensitive and sort by culture: BIN2 compares by UTF-16 code unit,
        // which is .NET's StringComparison.Ordinal.
        public SqlExpression Ordinal(SqlExpression value) => new CollateExpression(value, BinaryCollation);

        // REGEXP_INSTR(input, pattern) > 0, not REGEXP_LIKE: REGEXP_LIKE is a predicate that EF's SQL Server provider
        // would render as "REGEXP_LIKE(…) = CAST(1 AS bit)" (invalid T-SQL), and it also needs database compatibility
        // level 170, while REGEXP_INSTR runs at every level of SQL Server 2025. The pattern already carries (?i), which
        // RE2 reads like .NET and PostgreSQL. Older servers fail with error 195; the Web layer turns that into a
        // message naming the feature (ADR 0003).
        public SqlExpression RegexMatch(SqlExpression input, SqlExpression pattern) =>
            new SqlBinaryExpression(ExpressionType.GreaterThan,
                new SqlFunctionExpression(RegexFunction, [input, pattern], nullable: true, argumentsPropagateNullability: [true, true],
                    typeof(int), IntMapping),
                new SqlConstantExpression(0, typeof(int), IntMapping),
                typeof(bool), null);

        // SQL Server's int mapping, found without referencing the provider (Core must not, ADR 8).
        private static readonly RelationalTypeMapping IntMapping = new IntTypeMapping("int");

        private static SqlConstantExpression Constant(string text, SqlExpression like) =>
            new(text, typeof(string), like.TypeMapping);
    }

    private sealed class BulkInsert : IBulkInsertDialect
    {
        // Multi-row VALUES through the shared ADO.NET insert, not SqlBulkCopy: that needs Microsoft.Data.SqlClient in
        // Core (the architecture rule forbids it) and could not be measured here without a server (README).
        public int RowsPerStatement => MaxRowsPerStatement;

        public int MaxParameters => 2_100;

        // SQL Server has no RETURNING: OUTPUT INSERTED.x sits between the column list and VALUES.
        public string InsertReturning(string table, string columns, string values, IReadOnlyList<string> returning) =>
            $"INSERT INTO {table} ({columns}) OUTPUT {string.Join(", ", returning.Select(c => "INSERTED." + c))} VALUES {values}";
    }
}
