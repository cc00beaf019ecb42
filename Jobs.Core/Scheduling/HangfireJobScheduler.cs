using Hangfire;
using Jobs.Core.Engine;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Core.Scheduling;

/// <summary>
/// Gives a job a runner through Hangfire: enqueued now, or scheduled at the job's start time. Skipped while a runner
/// holds the job's lease — that runner looks at the job again after it lets go (<see cref="JobRunners"/>), so a control
/// racing with a runner going idle is never left without one.
/// </summary>
internal sealed class HangfireJobScheduler(IBackgroundJobClient hangfire, JobsDbContext db) : IJobScheduler
{
    /// <summary>Hangfire may run a delayed job up to a second early (whole-second due times); the runner copes by
    /// scheduling itself again, and an earlier start is never wrong because the engine starts a job only when due.</summary>
    public async Task EnsureScheduledAsync(long jobId, DateTime? startAt, CancellationToken cancellationToken)
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        if (startAt is { } at && at > now)
        {
            hangfire.Schedule<StartRunnerJob>(r => r.StartAsync(jobId, CancellationToken.None), new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)));
            return;
        }
        if (await db.RunnerLeases.AsNoTracking().AnyAsync(l => l.JobId == jobId && l.Until >= now, cancellationToken)) return;
        hangfire.Enqueue<StartRunnerJob>(r => r.StartAsync(jobId, CancellationToken.None));
    }

    /// <summary>Nothing to remove: a runner ends by itself when its job goes idle, and a delayed start finds it over.</summary>
    public Task UnscheduleAsync(long jobId, CancellationToken cancellationToken) => Task.CompletedTask;
}
