namespace Jobs.Core.Domain;

/// <summary>
/// Who runs a live job's loop right now, and until when: one row per job while a node runs it. A node takes the lease
/// with a conditional update (free, expired, or already its own), renews it while the loop runs, and deletes it when the
/// job goes idle or the node stops. A node killed outright leaves its lease to expire; then another node takes the job.
/// </summary>
public sealed class RunnerLease
{
    public long JobId { get; set; }

    /// <summary>The runner holding the lease: node name, process id and a per-run token.</summary>
    public string Holder { get; set; } = "";

    /// <summary>UTC; after this moment any node may take the job.</summary>
    public DateTime Until { get; set; }
}
