using Hangfire;
using Jobs.Core.Engine;

namespace Jobs.Core.Scheduling;

/// <summary>
/// Where Hangfire keeps its queues, delayed and recurring jobs on one database: the scheduler's provider seam, one
/// implementation per provider (next to the EF provider in <c>Jobs.Web/Infrastructure</c>), picked once at start-up with
/// the database. Our tables stay the source of truth: losing Hangfire's storage loses nothing a restart cannot re-derive.
/// </summary>
public interface ISchedulerStorage
{
    /// <summary>The storage for this process (one instance per application, never Hangfire's global one).</summary>
    JobStorage Create(SchedulerOptions options);
}
