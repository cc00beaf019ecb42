namespace Jobs.Core.Execution;

/// <summary>
/// Optional on an <see cref="IExecutor"/>: tells the engine when polling its in-flight hosts can next show a change, so
/// a job's loop (<c>Engine.JobLoop</c>) waits exactly that long instead of polling on a fixed beat. An executor without
/// it is polled every <c>Jobs:Scheduler:TickMilliseconds</c> (its poll interval; 1 s by default).
/// </summary>
/// <remarks>
/// Both members are hints: a wrong hint costs a poll too early or a wait up to the loop's longest wait, never a result.
/// </remarks>
public interface IPollTiming
{
    /// <summary>
    /// Completes at the next change of any work this executor started (the <c>local</c> executor: a process exits);
    /// null when the executor has no such signal. The engine reads it <b>before</b> it polls, so a change between the
    /// poll and the wait still wakes it.
    /// </summary>
    Task? NextChange { get; }

    /// <summary>When the earliest of <paramref name="running"/> (hosts a poll just found still running) can be done —
    /// the <c>simulated</c> executor knows each host's due time; null = unknown.</summary>
    DateTimeOffset? NextDueAt(IReadOnlyList<InFlightHost> running);
}
