namespace Jobs.Core.Inventory.Sources;

/// <summary>What a sync did, or — for a dry run or a run stopped by the retire guard — what it would do.</summary>
public enum SyncOutcome
{
    /// <summary>Dry run: nothing written; <see cref="SyncReport.Changes"/> is what a real run would do now.</summary>
    Previewed = 0,
    /// <summary>The changes were written in one transaction.</summary>
    Applied = 1,
    /// <summary>Nothing written: more than <c>MaxRetirePercent</c> would be retired; run again with <c>confirm=true</c>.</summary>
    NeedsConfirmation = 2,
    /// <summary>Nothing written: see <see cref="SyncReport.Error"/>.</summary>
    Failed = 3,
}

public enum ServerChangeKind
{
    Added = 0,
    Changed = 1,
    Retired = 2,
}

/// <summary>One field of a server before → after ("" = empty or not there).</summary>
public sealed record FieldChange(string Field, string Before, string After);

/// <summary>A server the sync adds, changes or retires, with its fields before → after.</summary>
public sealed record ServerChange(string Hostname, ServerChangeKind Kind, IReadOnlyList<FieldChange> Fields);

/// <summary>
/// The result of a sync or dry run of one source. <see cref="Changes"/> lists at most <see cref="SyncPlan.MaxListed"/> servers
/// (retired first, then changed, then added); <see cref="ChangesNotListed"/> counts the rest.
/// </summary>
public sealed record SyncReport(
    string Source,
    bool DryRun,
    SyncOutcome Outcome,
    int Fetched,
    int Added,
    int Changed,
    int Retired,
    int Unchanged,
    int Skipped,
    /// <summary>Servers of the source that were not retired before this run: the base of the retire guard.</summary>
    int ActiveBefore,
    double RetirePercent,
    /// <summary>True when this run retires more than the source allows without confirmation.</summary>
    bool GuardTripped,
    /// <summary>Why the run failed or stopped, in the operator's words; null when it applied (or previewed) fine.</summary>
    string? Error,
    /// <summary>Records that could not become servers (no name, no IP, …), one line each, at most <see cref="SyncPlan.MaxListed"/>.</summary>
    IReadOnlyList<string> Problems,
    IReadOnlyList<ServerChange> Changes,
    int ChangesNotListed,
    long? RunId)
{
    public static SyncReport Failure(string source, bool dryRun, string error, long? runId, int fetched = 0) =>
        new(source, dryRun, SyncOutcome.Failed, fetched, 0, 0, 0, 0, 0, 0, 0, false, error, [], [], 0, runId);
}
