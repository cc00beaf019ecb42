namespace Jobs.Core.Inventory;

/// <summary>Options under <c>Jobs:Demo</c>.</summary>
public sealed class DemoOptions
{
    public const string Section = "Jobs:Demo";

    /// <summary>
    /// How many demo servers to create on the first start of an empty database; 0 turns seeding off.
    /// Default 0 here; the shipped appsettings.json sets 2000 so <c>dotnet run</c> has something to show.
    /// </summary>
    public int SeedServers { get; set; }
}

/// <summary>Options under <c>Jobs:Import</c>: limits of one CSV import.</summary>
public sealed class ImportOptions
{
    public const string Section = "Jobs:Import";

    /// <summary>Largest accepted file in bytes. Default 10 MB.</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Most data rows in one file. Default 100,000.</summary>
    public int MaxRows { get; set; } = 100_000;
}
