using Jobs.Core.Engine;
using Microsoft.Extensions.Options;
using Quartz;

namespace Jobs.Core.Scheduling;

/// <summary>
/// One Quartz job per JOBS job (key <c>jobs/job-{id}</c>, concurrent execution disallowed), whose trigger fires at the
/// job's start time and then every <see cref="SchedulerOptions.TickMilliseconds"/>. Quartz persists only this trigger.
/// </summary>
internal sealed class QuartzJobScheduler(ISchedulerFactory factory, IOptions<SchedulerOptions> options) : IJobScheduler
{
    public const string Group = "jobs";

    public static JobKey KeyFor(long jobId) => new($"job-{jobId}", Group);

    public static TriggerKey TriggerFor(long jobId) => new($"job-{jobId}", Group);

    public static bool TryParse(JobKey key, out long jobId)
    {
        jobId = 0;
        return key.Group == Group && key.Name.StartsWith("job-", StringComparison.Ordinal) && long.TryParse(key.Name.AsSpan(4), out jobId);
    }

    public async Task EnsureScheduledAsync(long jobId, DateTime? startAt, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        if (await scheduler.Exists(TriggerFor(jobId), cancellationToken)) return;
        var job = JobBuilder.Create<JobTickJob>()
            .WithIdentity(KeyFor(jobId))
            .WithDescription($"Steps JOBS job {jobId}")
            .DisallowConcurrentExecution(true)
            .Build();
        var start = startAt is { } at && at > scheduler.TimeProvider.GetUtcNow().UtcDateTime
            ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc))
            : scheduler.TimeProvider.GetUtcNow();
        var trigger = TriggerBuilder.Create(scheduler.TimeProvider)
            .WithIdentity(TriggerFor(jobId))
            .ForJob(KeyFor(jobId))
            .StartAt(start)
            .WithSchedule(SimpleScheduleBuilder.Create()
                .WithInterval(TimeSpan.FromMilliseconds(options.Value.TickMilliseconds))
                .RepeatForever()
                // A missed tick is not worth catching up: the next step does everything a missed one would have.
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        try
        {
            await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, cancellationToken);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Someone else scheduled it at the same moment: that is what we wanted.
        }
    }

    public async Task UnscheduleAsync(long jobId, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken);
        await scheduler.DeleteJob(KeyFor(jobId), cancellationToken);
    }
}
