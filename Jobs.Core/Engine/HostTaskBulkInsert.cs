using System.Data.Common;
using System.Text;
using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Jobs.Core.Planning;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jobs.Core.Engine;

/// <summary>
/// Writes a new job's frozen targets with prepared INSERTs in the caller's transaction, as many rows a statement as the
/// dialect says (<see cref="IBulkInsertDialect"/>): one on SQLite (in-process, so no round trips; SQLite looks named
/// parameters up linearly, which made 500-row statements with 5,500 parameters take ~25 s for 100,000 hosts), 500 on
/// PostgreSQL (fewer round trips), 190 on SQL Server (its 2,100-parameter limit).
/// SaveChanges needs ~4–7 s for 100,000 hosts (see bench/Jobs.Bench for this one).
/// Plain ADO.NET with quoted identifiers from the EF model, so it runs unchanged on SQLite, PostgreSQL and SQL Server.
/// </summary>
internal static class HostTaskBulkInsert
{
    private static readonly string[] Columns =
        [nameof(HostTask.JobId), nameof(HostTask.BatchId), nameof(HostTask.BatchIndex), nameof(HostTask.Position),
         nameof(HostTask.Hostname), nameof(HostTask.Ip), nameof(HostTask.Idc), nameof(HostTask.Env), nameof(HostTask.App),
         nameof(HostTask.Status), nameof(HostTask.Attempt)];

    public static async Task InsertAsync(JobsDbContext db, Job job, IReadOnlyList<IReadOnlyList<PlanTarget>> batches, CancellationToken ct)
    {
        var entity = db.Model.FindEntityType(typeof(HostTask))!;
        var table = entity.GetTableName()!;
        var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, entity.GetSchema());
        var columns = Columns.Select(c => Quote(entity.FindProperty(c)!.GetColumnName(store)!)).ToArray();
        var header = $"INSERT INTO {Quote(table)} ({string.Join(", ", columns)}) VALUES ";

        var rowsPerStatement = db.Dialect().BulkInsert.RowsPerStatement;
        var rows = batches.SelectMany((hosts, i) => hosts.Select((h, position) => (Batch: job.Batches[i], Position: position, Host: h)));
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk insert needs the caller's transaction.");
        DbCommand? full = null;
        try
        {
            foreach (var chunk in rows.Chunk(rowsPerStatement))
            {
                DbCommand cmd;
                if (chunk.Length == rowsPerStatement && full is not null) cmd = full;
                else
                {
                    cmd = Build(connection, transaction, header, chunk.Length);
                    // Reused for every full chunk: Microsoft.Data.Sqlite keeps the compiled statement on the command.
                    if (chunk.Length == rowsPerStatement) full = cmd;
                }
                var p = 0;
                foreach (var (batch, position, host) in chunk)
                {
                    cmd.Parameters[p++].Value = job.Id;
                    cmd.Parameters[p++].Value = batch.Id;
                    cmd.Parameters[p++].Value = batch.Index;
                    cmd.Parameters[p++].Value = position;
                    cmd.Parameters[p++].Value = host.Hostname;
                    cmd.Parameters[p++].Value = host.Ip;
                    cmd.Parameters[p++].Value = host.Idc;
                    cmd.Parameters[p++].Value = host.Env;
                    cmd.Parameters[p++].Value = host.App;
                    cmd.Parameters[p++].Value = nameof(HostStatus.Pending);
                    cmd.Parameters[p++].Value = 1;
                }
                await cmd.ExecuteNonQueryAsync(ct);
                if (!ReferenceEquals(cmd, full)) await cmd.DisposeAsync();
            }
        }
        finally
        {
            if (full is not null) await full.DisposeAsync();
        }
    }

    private static DbCommand Build(DbConnection connection, DbTransaction transaction, string header, int rows)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        var sql = new StringBuilder(header);
        var n = 0;
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < Columns.Length; c++)
            {
                var name = "@p" + n++;
                sql.Append(c == 0 ? name : ", " + name);
                var parameter = cmd.CreateParameter();
                parameter.ParameterName = name;
                cmd.Parameters.Add(parameter);
            }
            sql.Append(')');
        }
        cmd.CommandText = sql.ToString();
        return cmd;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
