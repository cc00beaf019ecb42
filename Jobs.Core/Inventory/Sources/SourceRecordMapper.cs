using System.Text.Json;
using Jobs.Core.Domain;

namespace Jobs.Core.Inventory.Sources;

/// <summary>A record of a source, mapped to JOBS' columns. Hostname lower-case, tags lower-case and sorted.</summary>
public sealed record SourceServer(string Hostname, string Ip, string Idc, string Env, string App, string Role, string Os,
    ServerStatus Status, string Owner, IReadOnlyList<string> Tags);

/// <summary>A mapped record, or why it cannot become a server (then <see cref="Server"/> is null).</summary>
public readonly record struct MappedRecord(SourceServer? Server, string? Hostname, string? Problem);

/// <summary>Maps a source's JSON record to a <see cref="SourceServer"/> with the source's <see cref="SourceFieldMapping"/>.</summary>
public sealed class SourceRecordMapper
{
    private readonly FieldPath _hostname, _ip, _idc, _env, _app, _role, _os, _status, _owner, _tags;
    private readonly IReadOnlyDictionary<string, string> _statusMap;

    public SourceRecordMapper(InventorySourceOptions options)
    {
        var m = options.Mapping;
        (_hostname, _ip, _idc, _env, _app) = (FieldPath.Parse(m.Hostname), FieldPath.Parse(m.Ip), FieldPath.Parse(m.Idc), FieldPath.Parse(m.Env), FieldPath.Parse(m.App));
        (_role, _os, _status, _owner, _tags) = (FieldPath.Parse(m.Role), FieldPath.Parse(m.Os), FieldPath.Parse(m.Status), FieldPath.Parse(m.Owner), FieldPath.Parse(m.Tags));
        _statusMap = options.EffectiveStatusMap();
    }

    public MappedRecord Map(JsonElement record)
    {
        var hostname = _hostname.ReadText(record).ToLowerInvariant();
        var label = hostname.Length > 0 ? hostname : Identify(record);
        if (hostname.Length == 0) return Skip(null, label, $"no hostname ({_hostname})");
        var ip = _ip.ReadText(record);
        // NetBox addresses carry the prefix length ("10.0.0.5/24"); JOBS keeps the address.
        var slash = ip.IndexOf('/');
        if (slash >= 0) ip = ip[..slash];
        if (ip.Length == 0) return Skip(hostname, label, $"no IP address ({_ip})");
        var idc = _idc.ReadText(record);
        if (idc.Length == 0) return Skip(hostname, label, $"no IDC ({_idc})");
        var env = _env.ReadText(record);
        if (env.Length == 0) return Skip(hostname, label, $"no env ({_env})");
        var app = _app.ReadText(record);
        if (app.Length == 0) return Skip(hostname, label, $"no app ({_app})");

        var statusText = _status.ReadText(record);
        var status = _statusMap.TryGetValue(statusText, out var mapped) && Enum.TryParse<ServerStatus>(mapped, true, out var s) && s != ServerStatus.Retired
            ? s : ServerStatus.Offline;
        var tags = _tags.ReadList(record).Select(t => t.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
        var server = new SourceServer(hostname, ip, idc, env, app, _role.ReadText(record), _os.ReadText(record), status,
            _owner.ReadText(record), tags);
        return TooLong(server) is { } field ? Skip(hostname, label, $"{field} is longer than JOBS stores") : new MappedRecord(server, hostname, null);
    }

    /// <summary>The column limits of the Servers table (ServerConfiguration), checked before the write so one record cannot fail a run.</summary>
    private static string? TooLong(SourceServer s) =>
        s.Hostname.Length > 253 ? "hostname" : s.Ip.Length > 64 ? "ip" : s.Idc.Length > 64 ? "idc" : s.Env.Length > 64 ? "env"
        : s.App.Length > 128 ? "app" : s.Role.Length > 64 ? "role" : s.Os.Length > 64 ? "os" : s.Owner.Length > 128 ? "owner"
        : s.Tags.Any(t => t.Length > 64) ? "a tag" : null;

    private static MappedRecord Skip(string? hostname, string label, string why) => new(null, hostname, $"{label}: {why}");

    /// <summary>"device 17" when the record has no usable name (NetBox allows unnamed devices).</summary>
    private static string Identify(JsonElement record) =>
        record.ValueKind == JsonValueKind.Object && record.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number
            ? $"device {id.GetRawText()}" : "a record";
}
