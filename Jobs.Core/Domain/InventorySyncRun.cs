namespace Jobs.Core.Domain;

/// <summary>How a sync run of an inventory source ended. Stored as a string.</summary>
public enum SyncRunOutcome
{
    /// <summary>Started, not finished yet (or the process stopped during it).</summary>
    Running = 0,
    /// <summary>The changes were written in one transaction.</summary>
    Applied = 1,
    /// <summary>Nothing was written: the run would have retired more than the source's <c>MaxRetirePercent</c>.</summary>
    NeedsConfirmation = 2,
    /// <summary>Nothing was written: the source could not be read, or the write failed.</summary>
    Failed = 3,
}

/// <summary>
/// One sync of an inventory source (issue 15): when, how many records were fetched, what changed, and why it failed.
/// Dry runs are not recorded (they write nothing); every real run is, including refused and failed ones.
/// </summary>
public sealed class InventorySyncRun
{
    public const int MaxErrorLength = 4000;

    private InventorySyncRun() { } // EF

    public InventorySyncRun(string source, string startedBy, DateTime startedAt)
    {
        Source = source;
        StartedBy = startedBy;
        StartedAt = DateTime.SpecifyKind(startedAt, DateTimeKind.Utc);
        Outcome = SyncRunOutcome.Running;
    }

    public long Id { get; private set; }
    public string Source { get; private set; } = "";
    /// <summary><c>system</c> for the schedule, else the user (or <c>api-key:&lt;name&gt;</c>).</summary>
    public string StartedBy { get; private set; } = "";
    public DateTime StartedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }
    public SyncRunOutcome Outcome { get; private set; }
    public int Fetched { get; private set; }
    public int Added { get; private set; }
    public int Changed { get; private set; }
    public int Retired { get; private set; }
    /// <summary>Records of the source that could not be used (no name, no IP, …); the rest of the run went on.</summary>
    public int Skipped { get; private set; }
    /// <summary>What went wrong, in the operator's words; several problems one per line. Null when all went well.</summary>
    public string? Errors { get; private set; }

    public void Finish(SyncRunOutcome outcome, int fetched, int added, int changed, int retired, int skipped, string? errors, DateTime at)
    {
        if (Outcome != SyncRunOutcome.Running)
            throw new InvalidTransitionException($"Sync run {Id} of {Source} already ended ({Outcome}).");
        if (outcome == SyncRunOutcome.Running) throw new DomainException("A sync run cannot finish as running.");
        (Outcome, Fetched, Added, Changed, Retired, Skipped) = (outcome, fetched, added, changed, retired, skipped);
        Errors = errors is { Length: > MaxErrorLength } ? errors[..(MaxErrorLength - 1)] + "…" : errors;
        FinishedAt = DateTime.SpecifyKind(at, DateTimeKind.Utc);
    }
}
