namespace Jobs.Core.Domain;

/// <summary>A CMDB record. The hostname is the natural key (unique); imports upsert by it.</summary>
public sealed class Server
{
    private readonly List<ServerTag> _tags = [];

    private Server() { } // EF

    public Server(string hostname, string ip, string idc, string env, string app, string role, string os,
        ServerStatus status, string owner, IEnumerable<string> tags, DateTime updatedAt, bool isDemo = false, string? source = null)
    {
        Hostname = Require(hostname, nameof(hostname)).ToLowerInvariant();
        Update(ip, idc, env, app, role, os, status, owner, tags, updatedAt);
        IsDemo = isDemo;
        Source = source;
    }

    public long Id { get; private set; }
    public string Hostname { get; private set; } = "";
    public string Ip { get; private set; } = "";
    public string Idc { get; private set; } = "";
    public string Env { get; private set; } = "";
    /// <summary>The application cluster the server belongs to.</summary>
    public string App { get; private set; } = "";
    public string Role { get; private set; } = "";
    public string Os { get; private set; } = "";
    public ServerStatus Status { get; private set; }
    public string Owner { get; private set; } = "";
    /// <summary>True for servers made up by the demo seeder; the UI marks them.</summary>
    public bool IsDemo { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    /// <summary>
    /// The inventory source (<c>Jobs:Inventory:Sources:&lt;name&gt;</c>) that owns this server, or null for a server
    /// from a CSV import or the demo seed. A server belongs to at most one source; only that source's sync changes it.
    /// </summary>
    public string? Source { get; private set; }
    public IReadOnlyCollection<ServerTag> Tags => _tags.AsReadOnly();

    public void Update(string ip, string idc, string env, string app, string role, string os,
        ServerStatus status, string owner, IEnumerable<string> tags, DateTime updatedAt)
    {
        Ip = Require(ip, nameof(ip));
        Idc = Require(idc, nameof(idc));
        Env = Require(env, nameof(env));
        App = Require(app, nameof(app));
        Role = role?.Trim() ?? "";
        Os = os?.Trim() ?? "";
        Status = status;
        Owner = owner?.Trim() ?? "";
        UpdatedAt = DateTime.SpecifyKind(updatedAt, DateTimeKind.Utc);

        var wanted = tags.Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToList();
        _tags.RemoveAll(t => !wanted.Contains(t.Name));
        foreach (var name in wanted.Where(n => _tags.All(t => t.Name != n)))
        {
            _tags.Add(new ServerTag(name));
        }
    }

    /// <summary>A sync takes over a server that no source owned yet (imported by CSV or seeded); it is no longer demo data.</summary>
    public void AdoptBy(string source)
    {
        if (Source is not null && Source != source)
            throw new DomainException($"{Hostname} belongs to the inventory source '{Source}', not '{source}'.");
        Source = Require(source, nameof(source));
        IsDemo = false;
    }

    /// <summary>Gone from its source: kept for the jobs that name it, never a target again until the source lists it anew.</summary>
    public void Retire(DateTime at)
    {
        if (Source is null) throw new DomainException($"{Hostname} has no inventory source; only a sync retires servers.");
        Status = ServerStatus.Retired;
        UpdatedAt = DateTime.SpecifyKind(at, DateTimeKind.Utc);
    }

    private static string Require(string value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new DomainException($"{name} is required") : value.Trim();
}

/// <summary>A tag on a server (<c>tag = canary</c> in the filter language). Lower-case.</summary>
public sealed class ServerTag
{
    private ServerTag() { } // EF

    public ServerTag(string name) => Name = name;

    public long ServerId { get; private set; }
    public string Name { get; private set; } = "";
}
