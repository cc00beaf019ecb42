namespace Jobs.Core.Domain;

/// <summary>Limits of a job's settings, one source for the validator, the wizard and the docs.</summary>
public static class JobLimits
{
    /// <summary>
    /// Most hosts of one job in flight at once. 10,000: a Salt publish or a StackStorm fan-out reaches that many hosts at
    /// once, and it is what one step of the engine still handles in bounded time and memory — ten claim/dispatch chunks of
    /// <c>HostDispatch.ChunkSize</c>, and a poll that reads every in-flight host (each step loads them, and remote
    /// executors are asked about all of them per poll interval). Beyond it a job is better split, or served by an
    /// executor that reports completions itself. Measured in docs/engine.md.
    /// </summary>
    public const int MaxParallelism = 10_000;

    /// <summary><see cref="MaxParallelism"/> as the UI and messages print it.</summary>
    public const string MaxParallelismText = "10,000";
}
