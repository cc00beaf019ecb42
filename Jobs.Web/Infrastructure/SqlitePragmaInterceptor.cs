using System.Data.Common;
using Jobs.Core.Filtering;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Jobs.Web.Infrastructure;

/// <summary>
/// Sets per-connection SQLite pragmas: a busy timeout (writers wait instead of failing) and normal sync under WAL.
/// Also registers <c>regexp</c> for the host filter's <c>~</c> with the linear-time engine of <see cref="PortableRegex"/>
/// (EF Core's own <c>regexp</c> backtracks without a timeout, so one hostile pattern could pin a connection).
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    public static readonly SqlitePragmaInterceptor Instance = new();

    private const string Pragmas = "PRAGMA busy_timeout=10000; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        RegisterFunctions(connection);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        RegisterFunctions(connection);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void RegisterFunctions(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
        {
            sqlite.CreateFunction<string?, string?, bool?>("regexp",
                (pattern, input) => pattern is null || input is null ? null : PortableRegex.GetEffective(pattern).IsMatch(input),
                isDeterministic: true);
        }
    }
}
