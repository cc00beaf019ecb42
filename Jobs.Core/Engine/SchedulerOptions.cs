namespace Jobs.Core.Engine;

/// <summary>Options under <c>Jobs:Scheduler</c>: how often the scheduler steps each live job, how it stores its
/// triggers, and how often a job paused by an executor outage asks whether the executor is back.</summary>
public sealed class SchedulerOptions
{
    public const string Section = "Jobs:Scheduler";

    /// <summary>How often a live job's step runs, in milliseconds. Default 1000; tests use ~100.</summary>
    public int TickMilliseconds { get; set; } = 1000;

    /// <summary>How often a job paused by a system fault checks whether its executor is back, in seconds. Default 5.</summary>
    public int SystemRetrySeconds { get; set; } = 5;

    /// <summary>How often every live job's trigger is checked (and recreated when missing), in seconds. Default 60.</summary>
    public int ReconcileSeconds { get; set; } = 60;

    /// <summary>Quartz scheduler name; every node of a PostgreSQL cluster must use the same one. Default <c>JOBS</c>.</summary>
    public string Name { get; set; } = "JOBS";

    /// <summary>
    /// SQLite only: where Quartz keeps its triggers. <c>Shared</c> (default) = the application database file itself;
    /// <c>Sibling</c> = a file <c>quartz.db</c> next to it. Measured in docs/decisions/0002-quartz-sqlite-store.md.
    /// </summary>
    public string SqliteStore { get; set; } = "Shared";

    /// <summary>False turns the scheduler off (nothing advances); for tools and tests that only read. Default true.</summary>
    public bool Enabled { get; set; } = true;
}
