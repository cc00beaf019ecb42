using System.Net;
using System.Net.Sockets;
using System.Text;
using Jobs.Core.Domain;

namespace Jobs.Core.Inventory;

/// <summary>One validated data row. Optional columns absent from the file are null.</summary>
internal sealed record ServerCsvRow(int Line, string Hostname, string Ip, string Idc, string Env, string App,
    string? Role, string? Os, ServerStatus? Status, string? Owner, IReadOnlyList<string>? Tags);

internal sealed record ServerCsvParse(IReadOnlyList<ServerCsvRow> Rows, IReadOnlySet<string> Present,
    IReadOnlyList<ServerImportError> Errors, bool TooManyRows);

/// <summary>Header and row validation of the server CSV; no database access.</summary>
internal static class ServerCsv
{
    private static readonly Dictionary<string, int> MaxLength = new()
    {
        ["hostname"] = 253, ["ip"] = 64, ["idc"] = 64, ["env"] = 64, ["app"] = 128,
        ["role"] = 64, ["os"] = 64, ["owner"] = 128, ["status"] = 32, ["tags"] = 4000,
    };

    public static ServerCsvParse Parse(byte[] bytes, int maxRows)
    {
        var errors = new List<ServerImportError>();
        string text;
        try
        {
            var bom = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
            text = ServerImporter.Utf8.GetString(bytes, bom, bytes.Length - bom);
        }
        catch (DecoderFallbackException)
        {
            return Fail("The file is not UTF-8 text (save it as CSV UTF-8).");
        }

        var rows = new List<ServerCsvRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        Dictionary<string, int>? header = null;
        var dataRows = 0;
        try
        {
            foreach (var record in CsvReader.Read(new StringReader(text)))
            {
                if (record.Fields.Count == 1 && string.IsNullOrWhiteSpace(record.Fields[0])) continue; // blank line
                if (header is null)
                {
                    header = ReadHeader(record, errors);
                    if (errors.Count > 0) return new ServerCsvParse([], new HashSet<string>(), errors, false);
                    continue;
                }
                if (++dataRows > maxRows) return new ServerCsvParse([], new HashSet<string>(), [], TooManyRows: true);
                if (ReadRow(record, header, errors) is { } row)
                {
                    if (seen.TryGetValue(row.Hostname, out var first))
                        errors.Add(new ServerImportError(record.Line, $"hostname '{row.Hostname}' already appears on line {first}"));
                    else
                    {
                        seen[row.Hostname] = record.Line;
                        rows.Add(row);
                    }
                }
            }
        }
        catch (CsvFormatException ex)
        {
            errors.Add(new ServerImportError(ex.Line, ex.Message));
        }
        if (header is null && errors.Count == 0)
            return Fail($"The file is empty; the first line must be a header with the columns {string.Join(",", ServerImporter.Columns)}.");
        return new ServerCsvParse(rows, header?.Keys.ToHashSet() ?? [], errors, false);

        ServerCsvParse Fail(string message) => new([], new HashSet<string>(), [new ServerImportError(0, message)], false);
    }

    private static Dictionary<string, int>? ReadHeader(CsvRecord record, List<ServerImportError> errors)
    {
        var header = new Dictionary<string, int>(StringComparer.Ordinal);
        var unknown = new List<string>();
        for (var i = 0; i < record.Fields.Count; i++)
        {
            var name = record.Fields[i].Trim().ToLowerInvariant();
            if (!ServerImporter.Columns.Contains(name))
                unknown.Add(record.Fields[i].Trim().Length == 0 ? $"(empty, column {i + 1})" : $"'{record.Fields[i].Trim()}'");
            else if (!header.TryAdd(name, i))
                errors.Add(new ServerImportError(record.Line, $"column '{name}' appears twice in the header"));
        }
        if (unknown.Count > 0)
        {
            errors.Add(new ServerImportError(record.Line,
                $"unknown column{(unknown.Count > 1 ? "s" : "")} {string.Join(", ", unknown)} in the header; known columns: {string.Join(", ", ServerImporter.Columns)}"));
        }
        var missing = ServerImporter.RequiredColumns.Where(c => !header.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            errors.Add(new ServerImportError(record.Line,
                $"the header lacks the required column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} (a header row is required: {string.Join(",", ServerImporter.Columns)})"));
        }
        return header;
    }

    private static ServerCsvRow? ReadRow(CsvRecord record, Dictionary<string, int> header, List<ServerImportError> errors)
    {
        if (record.Fields.Count != header.Count)
        {
            errors.Add(new ServerImportError(record.Line, $"expected {header.Count} fields like the header, found {record.Fields.Count}"));
            return null;
        }
        var before = errors.Count;
        string? Get(string column)
        {
            if (!header.TryGetValue(column, out var index)) return null;
            var value = record.Fields[index].Trim();
            if (value.Length > MaxLength[column])
                errors.Add(new ServerImportError(record.Line, $"{column} is longer than {MaxLength[column]} characters"));
            return value;
        }
        string Required(string column)
        {
            var value = Get(column) ?? "";
            if (value.Length == 0) errors.Add(new ServerImportError(record.Line, $"{column} is empty"));
            return value;
        }

        var hostname = Required("hostname").ToLowerInvariant();
        if (hostname.Length > 0 && !IsHostname(hostname))
            errors.Add(new ServerImportError(record.Line, $"hostname '{hostname}' is not a valid host name (letters, digits, '-', '_' and '.')"));
        var ip = Required("ip");
        if (ip.Length > 0 && !IsIp(ip))
            errors.Add(new ServerImportError(record.Line, $"ip '{ip}' is not an IPv4 or IPv6 address"));
        var idc = Required("idc");
        var env = Required("env");
        var app = Required("app");
        var role = Get("role");
        var os = Get("os");
        var owner = Get("owner");

        ServerStatus? status = null;
        if (Get("status") is { Length: > 0 } statusText)
        {
            // Retired is set only by an inventory sync (issue 15).
            var match = Enum.GetValues<ServerStatus>().Where(s => s != ServerStatus.Retired && s.ToString().Equals(statusText, StringComparison.OrdinalIgnoreCase)).ToList();
            if (match.Count == 1) status = match[0];
            else errors.Add(new ServerImportError(record.Line, $"status '{statusText}' is not online, offline or maintenance"));
        }
        else if (header.ContainsKey("status"))
        {
            status = ServerStatus.Online;
        }

        List<string>? tags = null;
        if (Get("tags") is { } tagText)
        {
            tags = tagText.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(t => t.ToLowerInvariant()).Distinct().ToList();
            foreach (var tag in tags.Where(t => t.Length > 64 || t.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == ',')))
                errors.Add(new ServerImportError(record.Line, $"tag '{tag}' must be at most 64 characters without spaces or commas"));
        }
        return errors.Count > before ? null
            : new ServerCsvRow(record.Line, hostname, ip, idc, env, app, role, os, status, owner, tags);
    }

    private static bool IsHostname(string value) =>
        char.IsAsciiLetterOrDigit(value[0]) && char.IsAsciiLetterOrDigit(value[^1])
        && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.');

    private static bool IsIp(string value) =>
        IPAddress.TryParse(value, out var address)
        && (address.AddressFamily == AddressFamily.InterNetworkV6 || value.Count(c => c == '.') == 3);
}
