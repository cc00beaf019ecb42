namespace Jobs.Core.Retention;

/// <summary>Options under <c>Jobs:Retention</c>.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Jobs:Retention";

    /// <summary>Finished jobs older than this many days (by their end) are purged, unless pinned. Default 180; 0 = never.</summary>
    public int Days { get; set; } = 180;

    /// <summary>Host rows deleted per statement (each its own transaction), so a 100,000-host job is never one huge
    /// transaction. Default 5000.</summary>
    public int ChunkSize { get; set; } = 5000;

    /// <summary>When the housekeeping runs: a cron expression, UTC. Default daily at 03:17.</summary>
    public string Schedule { get; set; } = "17 3 * * *";
}
