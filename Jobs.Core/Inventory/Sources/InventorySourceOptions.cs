namespace Jobs.Core.Inventory.Sources;

/// <summary>Options under <c>Jobs:Inventory</c>: the configured inventory sources, keyed by name.</summary>
public sealed class InventorySourcesOptions
{
    public const string Section = "Jobs:Inventory";

    /// <summary><c>Jobs:Inventory:Sources:&lt;name&gt;</c>. The name is what servers record as their source.</summary>
    public Dictionary<string, InventorySourceOptions> Sources { get; set; } = new(StringComparer.Ordinal);

    public static string Key(string source) => $"{Section}:Sources:{source}";
}

/// <summary>One inventory source (today only <c>Type = netbox</c>). Secrets may come from environment variables.</summary>
public sealed class InventorySourceOptions
{
    public const string NetBoxType = "netbox";

    /// <summary><c>netbox</c>.</summary>
    public string Type { get; set; } = "";

    /// <summary>The NetBox root, e.g. <c>https://netbox.example/</c> (the client adds <c>api/dcim/devices/</c>).</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>
    /// The whole <c>Authorization</c> header value: <c>Token &lt;v1 token&gt;</c> or <c>Bearer nbt_&lt;key&gt;.&lt;token&gt;</c>
    /// (v1 tokens are deprecated in NetBox 4.6). Never logged, rendered or returned.
    /// </summary>
    public string Token { get; set; } = "";

    /// <summary>A NetBox filter as a query string, e.g. <c>status=active&amp;role=server&amp;tag=linux</c>. Empty = every device.</summary>
    public string Filter { get; set; } = "";

    /// <summary>Where each JOBS column comes from in a NetBox device; see <see cref="SourceFieldMapping"/>.</summary>
    public SourceFieldMapping Mapping { get; set; } = new();

    /// <summary>
    /// NetBox <c>status.value</c> → JOBS status (online, offline, maintenance). Entries here replace the defaults for their
    /// key: active → online; decommissioning → maintenance; offline, planned, staged, failed, inventory → offline.
    /// A value not listed becomes offline (never a target).
    /// </summary>
    public Dictionary<string, string> StatusMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Cron expression (5 fields, UTC) of the recurring sync, e.g. <c>*/15 * * * *</c>. Empty = only by hand.</summary>
    public string Schedule { get; set; } = "";

    /// <summary>False accepts any TLS certificate (a lab NetBox with a self-signed one). Default true.</summary>
    public bool VerifyTls { get; set; } = true;

    /// <summary>
    /// A run that would retire more than this percentage of the source's servers stops and asks for confirmation —
    /// a half-empty answer must not retire half the fleet. Default 10.
    /// </summary>
    public double MaxRetirePercent { get; set; } = 10;

    /// <summary>Per-request timeout in seconds (each page; retries get their own). Default 30.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Devices asked for per page (<c>limit</c>). NetBox caps it silently at MAX_PAGE_SIZE (1000). Default 1000.</summary>
    public int PageSize { get; set; } = 1000;

    private static readonly Dictionary<string, string> DefaultStatusMap = new(StringComparer.OrdinalIgnoreCase)
    {
        ["active"] = "online", ["decommissioning"] = "maintenance", ["offline"] = "offline", ["planned"] = "offline",
        ["staged"] = "offline", ["failed"] = "offline", ["inventory"] = "offline",
    };

    /// <summary>The effective status map: defaults overlaid with <see cref="StatusMap"/>.</summary>
    public IReadOnlyDictionary<string, string> EffectiveStatusMap()
    {
        var map = new Dictionary<string, string>(DefaultStatusMap, StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in StatusMap) map[k] = v;
        return map;
    }
}

/// <summary>
/// Where each JOBS column comes from, as a path into the source's JSON record: <c>a.b</c> follows objects,
/// <c>a[].b</c> collects over a list (tags), <c>tag:&lt;prefix&gt;</c> takes the first tag slug starting with the prefix
/// (prefix removed), and <c>x|y</c> takes the first that is not empty. Defaults follow issue 15.
/// </summary>
public sealed class SourceFieldMapping
{
    public string Hostname { get; set; } = "name";
    /// <summary>The prefix length (<c>/24</c>) is removed.</summary>
    public string Ip { get; set; } = "primary_ip4.address";
    public string Idc { get; set; } = "site.slug";
    public string Env { get; set; } = "custom_fields.env|tag:env-";
    public string App { get; set; } = "tenant.slug|custom_fields.app";
    public string Role { get; set; } = "role.slug";
    public string Os { get; set; } = "platform.slug";
    public string Status { get; set; } = "status.value";
    public string Owner { get; set; } = "custom_fields.owner";
    public string Tags { get; set; } = "tags[].slug";

    /// <summary>(column, path) in a fixed order, for validation and messages.</summary>
    public IEnumerable<(string Column, string Path)> All() =>
    [
        ("Hostname", Hostname), ("Ip", Ip), ("Idc", Idc), ("Env", Env), ("App", App), ("Role", Role), ("Os", Os),
        ("Status", Status), ("Owner", Owner), ("Tags", Tags),
    ];
}
