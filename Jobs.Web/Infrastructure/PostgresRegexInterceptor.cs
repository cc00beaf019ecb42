using System.Data.Common;
using Jobs.Core.Filtering;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Jobs.Web.Infrastructure;

/// <summary>
/// PostgreSQL compiles the filter's <c>~</c> itself and refuses some patterns .NET accepts — nested counted
/// repetitions such as <c>(a{1,255}){1,255}</c> are "too complex" (SQLSTATE 2201B, invalid_regular_expression). Turns
/// that into a filter the database cannot run (400 with the reason) instead of a server error (issue 13).
/// <see cref="PortableRegex"/> already refuses what it can predict (counts above 255).
/// </summary>
internal sealed class PostgresRegexInterceptor : DbCommandInterceptor
{
    public static readonly PostgresRegexInterceptor Instance = new();

    public const string InvalidRegularExpression = "2201B";

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => ThrowIfRegexRefused(eventData.Exception);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ThrowIfRegexRefused(eventData.Exception);
        return Task.CompletedTask;
    }

    internal static void ThrowIfRegexRefused(Exception exception)
    {
        if (exception is DbException { SqlState: InvalidRegularExpression } db)
        {
            // "invalid regular expression: regular expression is too complex": keep PostgreSQL's reason, drop its prefix.
            var reason = db.Message[(db.Message.LastIndexOf(':') + 1)..].Trim();
            throw new FilterNotSupportedException(
                $"PostgreSQL cannot run the regular expression of this filter ({reason}). Simplify it, e.g. fewer nested {{n,m}} repetitions.",
                exception);
        }
    }
}
