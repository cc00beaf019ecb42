using System.Text.Json;

namespace Jobs.Core.Inventory.Sources;

/// <summary>
/// One configured inventory source (a CMDB): reads every record its filter selects. Implemented per type in
/// Jobs.Executors (NetBox), because Core holds no HTTP clients; mapping records to servers is Core's
/// (<see cref="SourceRecordMapper"/>), so every source type maps the same way.
/// </summary>
public interface IInventorySource
{
    /// <summary>The configuration key under <c>Jobs:Inventory:Sources</c>; servers record it as their source.</summary>
    string Name { get; }

    InventorySourceOptions Options { get; }

    /// <summary>"NetBox at https://netbox.example/": for messages.</summary>
    string Describe { get; }

    /// <summary>
    /// Every record, page after page, until the source says there are no more. Throws <see cref="InventorySourceException"/>
    /// with an operator-readable message when the source cannot be read completely (nothing partial is returned as whole).
    /// </summary>
    IAsyncEnumerable<JsonElement> ReadAllAsync(CancellationToken cancellationToken);
}

/// <summary>The source could not be read (refused token, unreachable, not the API we expect). The message is for operators.</summary>
public sealed class InventorySourceException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The configured sources, by name (registered by Jobs.Executors).</summary>
public sealed class InventorySourceCatalog(IEnumerable<IInventorySource> sources)
{
    private readonly IReadOnlyList<IInventorySource> _sources = sources.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

    public IReadOnlyList<IInventorySource> All => _sources;

    public IInventorySource? Find(string name) => _sources.FirstOrDefault(s => s.Name == name);
}
