using System.Text;
using Jobs.Core.Auditing;
using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jobs.Core.Inventory;

/// <summary>A problem with an import. <see cref="Line"/> is the 1-based line of the file (1 = header), 0 for the whole file.</summary>
public sealed record ServerImportError(int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"line {Line}: {Message}" : Message;
}

/// <summary>What an import did, or why it did nothing (<see cref="Errors"/> not empty: nothing was written).</summary>
public sealed record ServerImportResult(
    int Inserted,
    int Updated,
    int Unchanged,
    IReadOnlyList<ServerImportError> Errors,
    bool TooLarge = false,
    int MoreErrors = 0)
{
    public bool Succeeded => Errors.Count == 0;

    public static ServerImportResult Failed(IReadOnlyList<ServerImportError> errors, int moreErrors = 0) =>
        new(0, 0, 0, errors, MoreErrors: moreErrors);

    public static ServerImportResult Oversized(string message) =>
        new(0, 0, 0, [new ServerImportError(0, message)], TooLarge: true);
}

/// <summary>
/// Imports servers from CSV (<c>hostname,ip,idc,env,app,role,os,status,owner,tags</c>, header required, any column
/// order, tags separated by <c>;</c>). All or nothing: every row is validated first and any error writes nothing;
/// then one SaveChanges upserts by hostname and writes the <c>servers.import</c> audit entry. Used by the servers
/// page upload and by <c>POST /api/v1/servers/import</c>.
/// </summary>
/// <remarks>
/// Optional columns left out of the file leave those attributes of existing servers as they are (new servers get
/// empty values, status online). A row equal to the stored server is counted as unchanged and keeps its
/// <see cref="Server.UpdatedAt"/>.
/// </remarks>
public sealed class ServerImporter(JobsDbContext db, TimeProvider clock, IOptions<ImportOptions> options)
{
    public const string AuditAction = "servers.import";
    public const int MaxReportedErrors = 100;

    public static readonly IReadOnlyList<string> Columns = ["hostname", "ip", "idc", "env", "app", "role", "os", "status", "owner", "tags"];
    public static readonly IReadOnlyList<string> RequiredColumns = ["hostname", "ip", "idc", "env", "app"];

    private const int LookupChunk = 500;

    /// <summary>Reads, validates and applies a CSV file. Never throws for bad input; the result carries the errors.</summary>
    public async Task<ServerImportResult> ImportAsync(Stream csv, Actor actor, CancellationToken cancellationToken = default)
    {
        var limits = options.Value;
        var bytes = await ReadLimitedAsync(csv, limits.MaxBytes, cancellationToken);
        if (bytes is null)
            return ServerImportResult.Oversized(TooLargeMessage(limits.MaxBytes));

        var parsed = ServerCsv.Parse(bytes, limits.MaxRows);
        if (parsed.TooManyRows)
            return ServerImportResult.Oversized($"The file has more than {limits.MaxRows:N0} data rows, the import limit (Jobs:Import:MaxRows).");
        if (parsed.Errors.Count > 0)
        {
            return ServerImportResult.Failed(parsed.Errors.Take(MaxReportedErrors).ToList(),
                Math.Max(0, parsed.Errors.Count - MaxReportedErrors));
        }
        if (parsed.Rows.Count == 0)
            return ServerImportResult.Failed([new ServerImportError(0, "The file has a header but no data rows.")]);

        return await ApplyAsync(parsed.Rows, parsed.Present, actor, cancellationToken);
    }

    private async Task<ServerImportResult> ApplyAsync(IReadOnlyList<ServerCsvRow> rows, IReadOnlySet<string> present, Actor actor,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var existing = new Dictionary<string, Server>(StringComparer.Ordinal);
        foreach (var chunk in rows.Select(r => r.Hostname).Chunk(LookupChunk))
        {
            var found = await db.Servers.Include(s => s.Tags).Where(s => chunk.Contains(s.Hostname)).ToListAsync(cancellationToken);
            foreach (var s in found) existing[s.Hostname] = s;
        }

        // A synced server belongs to its source (issue 15): the file must not fight the CMDB over it.
        var owned = rows.Where(r => existing.TryGetValue(r.Hostname, out var s) && s.Source is not null)
            .Select(r => new ServerImportError(r.Line, $"{r.Hostname} comes from the inventory source '{existing[r.Hostname].Source}'; change it there, not by CSV"))
            .ToList();
        if (owned.Count > 0)
        {
            db.ChangeTracker.Clear();
            return ServerImportResult.Failed(owned.Take(MaxReportedErrors).ToList(), Math.Max(0, owned.Count - MaxReportedErrors));
        }

        int inserted = 0, updated = 0, unchanged = 0;
        foreach (var row in rows)
        {
            if (!existing.TryGetValue(row.Hostname, out var server))
            {
                db.Servers.Add(new Server(row.Hostname, row.Ip, row.Idc, row.Env, row.App, row.Role ?? "", row.Os ?? "",
                    row.Status ?? ServerStatus.Online, row.Owner ?? "", row.Tags ?? [], now));
                inserted++;
                continue;
            }
            var tags = row.Tags ?? server.Tags.Select(t => t.Name).ToList();
            var role = present.Contains("role") ? row.Role! : server.Role;
            var os = present.Contains("os") ? row.Os! : server.Os;
            var status = row.Status ?? server.Status;
            var owner = present.Contains("owner") ? row.Owner! : server.Owner;
            if (server.Ip == row.Ip && server.Idc == row.Idc && server.Env == row.Env && server.App == row.App
                && server.Role == role && server.Os == os && server.Status == status && server.Owner == owner
                && server.Tags.Select(t => t.Name).Order(StringComparer.Ordinal).SequenceEqual(tags.Order(StringComparer.Ordinal)))
            {
                unchanged++;
                continue;
            }
            server.Update(row.Ip, row.Idc, row.Env, row.App, role, os, status, owner, tags, now);
            updated++;
        }

        db.Audit(clock, actor, AuditAction, "servers",
            $"{rows.Count} rows: {inserted} inserted, {updated} updated, {unchanged} unchanged");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return ServerImportResult.Failed([new ServerImportError(0,
                "The servers changed while this file was imported (another import at the same time?). Nothing was written; import it again.")]);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        return new ServerImportResult(inserted, updated, unchanged, []);
    }

    /// <summary>The whole stream, or null when it is longer than <paramref name="maxBytes"/>.</summary>
    private static async Task<byte[]?> ReadLimitedAsync(Stream stream, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>The one wording of "the file is too big", for the importer, the Servers page and the API.</summary>
    public static string TooLargeMessage(long maxBytes) =>
        $"The file is larger than the import limit of {Describe(maxBytes)} (Jobs:Import:MaxBytes).";

    public static string Describe(long bytes) => bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0
        ? $"{bytes / (1024 * 1024)} MB"
        : bytes >= 1024 ? $"{bytes / 1024.0:0.#} KB" : $"{bytes} bytes";

    internal static Encoding Utf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
