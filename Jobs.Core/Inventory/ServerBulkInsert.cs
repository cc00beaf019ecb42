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
        var connection = transaction.Connection!;
        var serverType = db.Model.FindEntityType(typeof(Server))!;
        var tagType = db.Model.FindEntityType(typeof(ServerTag))!;
        var serverTable = StoreObjectIdentifier.Table(serverType.GetTableName()!, serverType.GetSchema());
        var tagTable = StoreObjectIdentifier.Table(tagType.GetTableName()!, tagType.GetSchema());
        string Col(IEntityType type, StoreObjectIdentifier table, string property) =>
            Quote(type.FindProperty(property)!.GetColumnName(table)!);

        string[] columns = [nameof(Server.Hostname), nameof(Server.Ip), nameof(Server.Idc), nameof(Server.Env), nameof(Server.App),
            nameof(Server.Role), nameof(Server.Os), nameof(Server.Status), nameof(Server.Owner), nameof(Server.IsDemo), nameof(Server.UpdatedAt), nameof(Server.Source)];
        var serverColumns = string.Join(", ", columns.Select(c => Col(serverType, serverTable, c)));
        var idColumn = Col(serverType, serverTable, nameof(Server.Id));
        var hostnameColumn = Col(serverType, serverTable, nameof(Server.Hostname));
        var tagColumns = $"{Col(tagType, tagTable, nameof(ServerTag.ServerId))}, {Col(tagType, tagTable, nameof(ServerTag.Name))}";

        if (db.Database.ProviderName?.Contains("Sqlite", StringComparison.OrdinalIgnoreCase) == true)
        {
            // SQLite runs in-process: one prepared statement re-bound per row beats re-parsing big multi-row INSERTs.
            await using var insertOne = connection.CreateCommand();
            insertOne.Transaction = transaction;
            insertOne.CommandText = $"INSERT INTO {Quote(serverTable.Name)} ({serverColumns}) VALUES ({string.Join(", ", columns.Select((_, c) => "@p" + c))}) RETURNING {idColumn}";
            var p = columns.Select((_, c) => AddParameter(insertOne, "@p" + c)).ToArray();
            await using var insertTag = connection.CreateCommand();
            insertTag.Transaction = transaction;
            insertTag.CommandText = $"INSERT INTO {Quote(tagTable.Name)} ({tagColumns}) VALUES (@s, @n)";
            var tagServer = AddParameter(insertTag, "@s");
            var tagName = AddParameter(insertTag, "@n");
            foreach (var s in servers)
            {
                object[] row = [s.Hostname, s.Ip, s.Idc, s.Env, s.App, s.Role, s.Os, s.Status.ToString(), s.Owner, s.IsDemo, s.UpdatedAt, (object?)s.Source ?? DBNull.Value];
                for (var c = 0; c < row.Length; c++) p[c].Value = row[c];
                var id = (long)(await insertOne.ExecuteScalarAsync(cancellationToken))!;
                foreach (var tag in s.Tags)
                {
                    tagServer.Value = id;
                    tagName.Value = tag.Name;
                    await insertTag.ExecuteNonQueryAsync(cancellationToken);
                }
            }
            return;
        }

        // PostgreSQL: multi-row VALUES in chunks, few round trips. RETURNING does not
        // promise row order, so ids are matched back by hostname (unique).
        foreach (var chunk in servers.Chunk(RowsPerStatement))
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            var values = new List<string>(chunk.Length);
            for (var r = 0; r < chunk.Length; r++)
            {
                var s = chunk[r];
                object[] row = [s.Hostname, s.Ip, s.Idc, s.Env, s.App, s.Role, s.Os, s.Status.ToString(), s.Owner, s.IsDemo, s.UpdatedAt, (object?)s.Source ?? DBNull.Value];
                values.Add("(" + string.Join(", ", row.Select((v, c) => Add(insert, $"@p{r}_{c}", v))) + ")");
            }
            insert.CommandText = $"INSERT INTO {Quote(serverTable.Name)} ({serverColumns}) VALUES {string.Join(", ", values)} RETURNING {idColumn}, {hostnameColumn}";
            var ids = new Dictionary<string, long>(chunk.Length, StringComparer.Ordinal);
            await using (var reader = await insert.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken)) ids[reader.GetString(1)] = reader.GetInt64(0);
            }

            var tags = chunk.SelectMany(s => s.Tags.Select(t => (Id: ids[s.Hostname], t.Name))).ToList();
            if (tags.Count == 0) continue;
            await using var insertTags = connection.CreateCommand();
            insertTags.Transaction = transaction;
            insertTags.CommandText = $"INSERT INTO {Quote(tagTable.Name)} ({tagColumns}) VALUES " +
                string.Join(", ", tags.Select((t, i) => $"({Add(insertTags, $"@s{i}", t.Id)}, {Add(insertTags, $"@n{i}", t.Name)})"));
            await insertTags.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private const int RowsPerStatement = 200;

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
