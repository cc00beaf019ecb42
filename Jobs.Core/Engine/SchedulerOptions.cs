namespace Jobs.Core.Engine;

/// <summary>Options under <c>Jobs:Scheduler</c>: how this node runs live jobs (Hangfire, ADR 0010), how it shares them
/// with other nodes, and how often a job paused by an executor outage asks whether the executor is back.</summary>
public sealed class SchedulerOptions
{
    public const string Section = "Jobs:Scheduler";

    /// <summary>The longest a running job's loop waits without news, in milliseconds: the poll interval of executors
    /// that give no hint (<see cref="Execution.IPollTiming"/>), and the bound on seeing a control applied on another node.
    /// A loop otherwise steps as soon as something is due (docs/engine.md). Default 1000; tests use ~100.</summary>
    public int TickMilliseconds { get; set; } = 1000;

    /// <summary>How often a job paused by a system fault checks whether its executor is back, in seconds. Default 5.</summary>
    public int SystemRetrySeconds { get; set; } = 5;

    /// <summary>How often every live job without a runner gets one (a Hangfire recurring job), in seconds (1–59). Default 5.
    /// With <see cref="LeaseSeconds"/> it bounds how long a killed node's jobs wait for another node.</summary>
    public int ReconcileSeconds { get; set; } = 5;

    /// <summary>How long a node's hold on a running job lasts without renewal, in seconds (renewed every third). Default 15.</summary>
    public int LeaseSeconds { get; set; } = 15;

    /// <summary>Hangfire workers on this node. They only start runners and run short housekeeping, never a job's whole
    /// run, so a few serve any number of live jobs. Default 8.</summary>
    public int Workers { get; set; } = 8;

    /// <summary>This node's name in the Hangfire dashboard and in runner leases. Default: the machine name.</summary>
    public string? NodeName { get; set; }

    /// <summary>False makes a web-only node: it serves pages and the API and enqueues runners, but runs no job
    /// (<c>Jobs:Scheduler:Enabled=false</c>). Default true.</summary>
    public bool Enabled { get; set; } = true;

    public static string NodeNameOrDefault(string? configured) =>
        string.IsNullOrWhiteSpace(configured) ? Environment.MachineName : configured.Trim();
}
