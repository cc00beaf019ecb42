using System.Collections.Concurrent;

namespace Jobs.Core.Engine;

/// <summary>
/// In-process wake-ups for job loops (one per process, a singleton): a control applied by this process (pause, abort,
/// skip, …) wakes the job's waiting <see cref="JobLoop"/> at once. A control applied by another node is not signalled:
/// the loop sees it at its next step, at most <see cref="SchedulerOptions.TickMilliseconds"/> later.
/// </summary>
public sealed class JobSignals
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _waiting = new();

    /// <summary>A task that completes at the next <see cref="Wake"/> of the job. Take it before reading the job's
    /// state: a control committed after that completes it.</summary>
    public Task Next(long jobId) =>
        _waiting.GetOrAdd(jobId, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Wakes the job's loop, if one waits in this process.</summary>
    public void Wake(long jobId)
    {
        if (_waiting.TryRemove(jobId, out var waiting)) waiting.TrySetResult();
    }

    /// <summary>The loop of the job ended: drop its entry (a later <see cref="Next"/> makes a new one).</summary>
    public void Forget(long jobId) => _waiting.TryRemove(jobId, out _);

    /// <summary>How many jobs have an entry (for tests of the lifetime).</summary>
    public int Count => _waiting.Count;
}
