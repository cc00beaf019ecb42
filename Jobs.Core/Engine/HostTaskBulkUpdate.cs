using System.Data.Common;
using System.Text;
using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Jobs.Core.Engine;

/// <summary>
/// Writes the current values of some columns of many hosts, each row its own values, <b>only where the host is still
/// Running</b> — so a result never overwrites a host an operator aborted meanwhile — and returns the hosts that were not
/// written. Hosts are plain (untracked) entities changed in memory through their domain methods.
/// </summary>
/// <remarks>
/// One statement per chunk of <see cref="IBulkInsertDialect.RowsPerStatement"/> rows, in one transaction:
/// on SQLite one prepared <c>UPDATE … WHERE "Id" = @id AND "Status" = 'Running'</c> re-bound per row (in-process, so no
/// round trips, and SQLite binds named parameters by a linear search, which makes wide statements slow: see
/// <see cref="HostTaskBulkInsert"/>); on PostgreSQL and SQL Server <c>UPDATE … FROM (VALUES …) AS v(…)</c>, which both
/// spell alike. Parameters take the EF model's type mappings, so value converters (enums as strings, UTC dates) and the
/// provider's parameter types (typed nulls on PostgreSQL) are the model's own.
/// </remarks>
internal static class HostTaskBulkUpdate
{
    /// <summary>What a dispatch writes: the external reference of a started host.</summary>
    public static readonly string[] Reference = [nameof(HostTask.ExternalRef)];

    /// <summary>What a finished host writes.</summary>
    public static readonly string[] Result =
        [nameof(HostTask.Status), nameof(HostTask.ExitCode), nameof(HostTask.Category), nameof(HostTask.Stdout),
         nameof(HostTask.Stderr), nameof(HostTask.FinishedAt), nameof(HostTask.DurationMs)];

    /// <returns>The hosts not written (no longer Running in the database).</returns>
    public static async Task<List<HostTask>> WriteRunningAsync(JobsDbContext db, IReadOnlyList<HostTask> hosts, string[] columns, CancellationToken ct)
    {
        if (hosts.Count == 0) return [];
        var shape = Shape.Of(db, columns);
        var dialect = db.Dialect().BulkInsert;
        var rows = Math.Max(1, Math.Min(dialect.RowsPerStatement, (dialect.MaxParameters - 1) / (columns.Length + 1)));
        var lost = new List<HostTask>();
        var owned = db.Database.CurrentTransaction is null;
        var tx = owned ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            DbCommand? full = null;
            try
            {
                foreach (var chunk in hosts.Chunk(rows))
                {
                    var cmd = chunk.Length == rows ? full ??= shape.Command(transaction, rows) : shape.Command(transaction, chunk.Length);
                    shape.Bind(cmd, chunk);
                    var written = await cmd.ExecuteNonQueryAsync(ct);
                    if (written < chunk.Length) lost.AddRange(chunk.Length == 1 ? chunk : await NotWrittenAsync(db, chunk, ct));
                    if (!ReferenceEquals(cmd, full)) await cmd.DisposeAsync();
                }
            }
            finally
            {
                if (full is not null) await full.DisposeAsync();
            }
            if (tx is not null) await tx.CommitAsync(ct);
        }
        finally
        {
            if (tx is not null) await tx.DisposeAsync();
        }
        return lost;
    }

    /// <summary>A chunk wrote fewer rows than it held: the hosts whose stored status or reference is not what we wrote.</summary>
    private static async Task<IEnumerable<HostTask>> NotWrittenAsync(JobsDbContext db, HostTask[] chunk, CancellationToken ct)
    {
        var ids = chunk.Select(h => h.Id).ToList();
        var stored = await db.HostTasks.AsNoTracking().Where(h => ids.Contains(h.Id))
            .Select(h => new { h.Id, h.Status, h.ExternalRef }).ToDictionaryAsync(h => h.Id, ct);
        return chunk.Where(h => !stored.TryGetValue(h.Id, out var s) || s.Status != h.Status || s.ExternalRef != h.ExternalRef);
    }

    /// <summary>The statement for one set of columns: SQL per row count, and how to bind values.</summary>
    private sealed class Shape
    {
        private readonly DbConnection _connection;
        private readonly string _table;
        private readonly string _id;
        private readonly string _status;
        private readonly RelationalTypeMapping _idMapping;
        private readonly RelationalTypeMapping _statusMapping;
        private readonly (IProperty Property, string Column, RelationalTypeMapping Mapping)[] _columns;

        private Shape(JobsDbContext db, string[] columns)
        {
            var entity = db.Model.FindEntityType(typeof(HostTask))!;
            var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            string Column(string property) => Quote(entity.FindProperty(property)!.GetColumnName(store)!);
            _connection = db.Database.GetDbConnection();
            _table = Quote(entity.GetTableName()!);
            _id = Column(nameof(HostTask.Id));
            _status = Column(nameof(HostTask.Status));
            _idMapping = entity.FindProperty(nameof(HostTask.Id))!.GetRelationalTypeMapping();
            _statusMapping = entity.FindProperty(nameof(HostTask.Status))!.GetRelationalTypeMapping();
            _columns = columns.Select(c => entity.FindProperty(c)!)
                .Select(p => (p, Column(p.Name), p.GetRelationalTypeMapping())).ToArray();
        }

        public static Shape Of(JobsDbContext db, string[] columns) => new(db, columns);

        public DbCommand Command(DbTransaction transaction, int rows)
        {
            var cmd = _connection.CreateCommand();
            cmd.Transaction = transaction;
            var sql = new StringBuilder();
            cmd.Parameters.Add(_statusMapping.CreateParameter(cmd, "@running", HostStatus.Running)); // converted by the mapping
            if (rows == 1)
            {
                sql.Append("UPDATE ").Append(_table).Append(" SET ");
                sql.AppendJoin(", ", _columns.Select((c, i) => $"{c.Column} = @p{i + 1}"));
                sql.Append(" WHERE ").Append(_id).Append(" = @p0 AND ").Append(_status).Append(" = @running");
            }
            else
            {
                sql.Append("UPDATE ").Append(_table).Append(" SET ");
                sql.AppendJoin(", ", _columns.Select(c => $"{c.Column} = v.{c.Column}"));
                sql.Append(" FROM (VALUES ");
                for (var r = 0; r < rows; r++)
                {
                    sql.Append(r == 0 ? "(" : ", (");
                    for (var c = 0; c <= _columns.Length; c++) sql.Append(c == 0 ? "" : ", ").Append("@p").Append(r * (_columns.Length + 1) + c);
                    sql.Append(')');
                }
                sql.Append(") AS v(").Append(_id).Append(", ").AppendJoin(", ", _columns.Select(c => c.Column)).Append(')');
                sql.Append(" WHERE ").Append(_table).Append('.').Append(_id).Append(" = v.").Append(_id)
                    .Append(" AND ").Append(_table).Append('.').Append(_status).Append(" = @running");
            }
            for (var r = 0; r < rows; r++)
            {
                var n = r * (_columns.Length + 1);
                cmd.Parameters.Add(_idMapping.CreateParameter(cmd, "@p" + n, null, nullable: false));
                for (var c = 0; c < _columns.Length; c++)
                    cmd.Parameters.Add(_columns[c].Mapping.CreateParameter(cmd, "@p" + (n + c + 1), null, nullable: true));
            }
            cmd.CommandText = sql.ToString();
            return cmd;
        }

        public void Bind(DbCommand cmd, HostTask[] chunk)
        {
            var p = 1; // @running is the first parameter
            foreach (var host in chunk)
            {
                cmd.Parameters[p++].Value = host.Id;
                foreach (var (property, _, mapping) in _columns)
                    cmd.Parameters[p++].Value = ProviderValue(mapping, property.GetGetter().GetClrValue(host));
            }
        }

        private static object ProviderValue(RelationalTypeMapping mapping, object? value) =>
            value is null ? DBNull.Value : (mapping.Converter is { } c ? c.ConvertToProvider(value) : value) ?? DBNull.Value;

        private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
