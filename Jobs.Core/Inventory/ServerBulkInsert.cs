using System.Data.Common;
using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jobs.Core.Inventory;

/// <summary>
/// Inserts many new servers with plain ADO.NET commands inside the caller's transaction: SaveChanges
/// tracks every entity and is several times slower for thousands of rows (DEPENDENCIES.md, "Timings").
/// Table and column names come from the EF model, so the mapping stays the single source of truth.
/// </summary>
public static class ServerBulkInsert
{
    public static async Task InsertAsync(JobsDbContext db, IReadOnlyList<Server> servers, CancellationToken cancellationToken = default)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("ServerBulkInsert runs inside a transaction the caller owns.");
        var sql = Names.Of(db);
        var dialect = db.Dialect().BulkInsert;
        if (dialect.RowsPerStatement == 1) await InsertOneByOneAsync(transaction, dialect, sql, servers, cancellationToken);
        else await InsertInChunksAsync(transaction, dialect, sql, servers, cancellationToken);
    }

    /// <summary>Quoted table and column names from the EF model, so the mapping stays the single source of truth.</summary>
    private sealed record Names(string ServerTable, string ServerColumns, string IdColumn, string HostnameColumn, string TagTable, string TagColumns)
    {
        public static readonly string[] Columns = [nameof(Server.Hostname), nameof(Server.Ip), nameof(Server.Idc), nameof(Server.Env),
            nameof(Server.App), nameof(Server.Role), nameof(Server.Os), nameof(Server.Status), nameof(Server.Owner), nameof(Server.IsDemo),
            nameof(Server.UpdatedAt), nameof(Server.Source)];

        public static Names Of(JobsDbContext db)
        {
            var serverType = db.Model.FindEntityType(typeof(Server))!;
            var tagType = db.Model.FindEntityType(typeof(ServerTag))!;
            var serverTable = StoreObjectIdentifier.Table(serverType.GetTableName()!, serverType.GetSchema());
            var tagTable = StoreObjectIdentifier.Table(tagType.GetTableName()!, tagType.GetSchema());
            string Col(IEntityType type, StoreObjectIdentifier table, string property) => Quote(type.FindProperty(property)!.GetColumnName(table)!);
            return new Names(Quote(serverTable.Name), string.Join(", ", Columns.Select(c => Col(serverType, serverTable, c))),
                Col(serverType, serverTable, nameof(Server.Id)), Col(serverType, serverTable, nameof(Server.Hostname)), Quote(tagTable.Name),
                $"{Col(tagType, tagTable, nameof(ServerTag.ServerId))}, {Col(tagType, tagTable, nameof(ServerTag.Name))}");
        }
    }

    private static object[] Row(Server s) => [s.Hostname, s.Ip, s.Idc, s.Env, s.App, s.Role, s.Os, s.Status.ToString(), s.Owner, s.IsDemo, s.UpdatedAt, (object?)s.Source ?? DBNull.Value];

    /// <summary>An in-process database: one prepared statement re-bound per row beats re-parsing big multi-row INSERTs.</summary>
    private static async Task InsertOneByOneAsync(DbTransaction transaction, IBulkInsertDialect dialect, Names sql, IReadOnlyList<Server> servers,
        CancellationToken ct)
    {
        var connection = transaction.Connection!;
        await using var insertOne = connection.CreateCommand();
        insertOne.Transaction = transaction;
        insertOne.CommandText = dialect.InsertReturning(sql.ServerTable, sql.ServerColumns,
            $"({string.Join(", ", Names.Columns.Select((_, c) => "@p" + c))})", [sql.IdColumn]);
        var p = Names.Columns.Select((_, c) => AddParameter(insertOne, "@p" + c)).ToArray();
        await using var insertTag = connection.CreateCommand();
        insertTag.Transaction = transaction;
        insertTag.CommandText = $"INSERT INTO {sql.TagTable} ({sql.TagColumns}) VALUES (@s, @n)";
        var tagServer = AddParameter(insertTag, "@s");
        var tagName = AddParameter(insertTag, "@n");
        foreach (var s in servers)
        {
            var row = Row(s);
            for (var c = 0; c < row.Length; c++) p[c].Value = row[c];
            var id = (long)(await insertOne.ExecuteScalarAsync(ct))!;
            foreach (var tag in s.Tags)
            {
                tagServer.Value = id;
                tagName.Value = tag.Name;
                await insertTag.ExecuteNonQueryAsync(ct);
            }
        }
    }

    /// <summary>A server database: multi-row VALUES in chunks, few round trips. RETURNING does not promise row order,
    /// so ids are matched back by hostname (unique).</summary>
    private static async Task InsertInChunksAsync(DbTransaction transaction, IBulkInsertDialect dialect, Names sql, IReadOnlyList<Server> servers,
        CancellationToken ct)
    {
        var connection = transaction.Connection!;
        var rows = Math.Min(Math.Min(dialect.RowsPerStatement, MaxServersPerStatement), dialect.MaxParameters / Names.Columns.Length);
        foreach (var chunk in servers.Chunk(rows))
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            var values = chunk.Select((s, r) => "(" + string.Join(", ", Row(s).Select((v, c) => Add(insert, $"@p{r}_{c}", v))) + ")");
            insert.CommandText = dialect.InsertReturning(sql.ServerTable, sql.ServerColumns, string.Join(", ", values), [sql.IdColumn, sql.HostnameColumn]);
            var ids = new Dictionary<string, long>(chunk.Length, StringComparer.Ordinal);
            await using (var reader = await insert.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct)) ids[reader.GetString(1)] = reader.GetInt64(0);
            }
            // Two parameters a tag: SQL Server's 2,100-parameter limit can split one chunk's tags in two.
            var tags = chunk.SelectMany(s => s.Tags.Select(t => (Id: ids[s.Hostname], t.Name)));
            foreach (var part in tags.Chunk(dialect.MaxParameters / 2))
            {
                await using var insertTags = connection.CreateCommand();
                insertTags.Transaction = transaction;
                insertTags.CommandText = $"INSERT INTO {sql.TagTable} ({sql.TagColumns}) VALUES " +
                    string.Join(", ", part.Select((t, i) => $"({Add(insertTags, $"@s{i}", t.Id)}, {Add(insertTags, $"@n{i}", t.Name)})"));
                await insertTags.ExecuteNonQueryAsync(ct);
            }
        }
    }

    /// <summary>A chunk's tags go in one statement too; this keeps it far below PostgreSQL's 65,535 parameters.</summary>
    private const int MaxServersPerStatement = 200;

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static DbParameter AddParameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static string Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return name;
    }
}
