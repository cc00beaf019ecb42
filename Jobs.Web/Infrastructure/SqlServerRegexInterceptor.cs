using System.Data.Common;
using Jobs.Core.Persistence.SqlServer;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Jobs.Web.Infrastructure;

/// <summary>
/// The filter's <c>~</c> is <c>REGEXP_INSTR</c> on SQL Server, which only SQL Server 2025 and Azure SQL have. Older
/// servers answer "'REGEXP_INSTR' is not a recognized built-in function name" (error 195); this turns that into a
/// message that names the filter feature and what to do (ADR 0003, "SQL Server").
/// </summary>
internal sealed class SqlServerRegexInterceptor : DbCommandInterceptor
{
    public static readonly SqlServerRegexInterceptor Instance = new();

    public const string Message =
        "The filter operator ~ (regular expression) needs SQL Server 2025 or Azure SQL, and this database server " +
        "does not offer it. Use =, !=, in or the comparisons instead, or upgrade the database server.";

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => ThrowIfRegexUnavailable(eventData.Exception);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ThrowIfRegexUnavailable(eventData.Exception);
        return Task.CompletedTask;
    }

    /// <summary>Whether a database error says the regular-expression function is missing.</summary>
    public static bool IsRegexUnavailable(Exception exception) =>
        exception is DbException && exception.Message.Contains(SqlServerDialect.RegexFunction, StringComparison.OrdinalIgnoreCase);

    internal static void ThrowIfRegexUnavailable(Exception exception)
    {
        if (IsRegexUnavailable(exception)) throw new Jobs.Core.Filtering.FilterNotSupportedException(Message, exception);
    }
}
