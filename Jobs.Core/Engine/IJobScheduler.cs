namespace Jobs.Core.Engine;

/// <summary>
/// Wakes the engine for a job: at its start time, then every tick while it is live. Implemented on Quartz
/// (<c>Jobs.Core.Scheduling</c>), whose persistent store holds only these triggers; the job state is ours.
/// </summary>
public interface IJobScheduler
{
    /// <summary>Makes sure the job has its trigger (idempotent). <paramref name="startAt"/> null = now.</summary>
    Task EnsureScheduledAsync(long jobId, DateTime? startAt, CancellationToken cancellationToken);

    /// <summary>Removes the job's trigger (idempotent).</summary>
    Task UnscheduleAsync(long jobId, CancellationToken cancellationToken);
}
