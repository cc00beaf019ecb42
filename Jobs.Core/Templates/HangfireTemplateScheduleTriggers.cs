using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jobs.Core.Templates;

/// <summary>
/// Each enabled template schedule is a Hangfire recurring job <c>template-schedule-{id}</c> on its cron and time zone,
/// calling <see cref="TemplateScheduleJob"/>. Hangfire runs each occurrence once across the nodes sharing its storage;
/// the fire's own unique occurrence row makes a duplicate or retried call harmless anyway.
/// </summary>
public sealed class HangfireTemplateScheduleTriggers(IRecurringJobManager recurring) : ITemplateScheduleTriggers
{
    public const string Prefix = "template-schedule-";

    public void Register(long scheduleId, string cron, string timeZone)
    {
        if (CronSchedule.FindZone(timeZone) is not { } zone) return; // refused when saved; nothing to register
        recurring.AddOrUpdate<TemplateScheduleJob>(Prefix + scheduleId, j => j.RunAsync(scheduleId, CancellationToken.None), cron.Trim(),
            new RecurringJobOptions { TimeZone = zone });
    }

    public void Remove(long scheduleId) => recurring.RemoveIfExists(Prefix + scheduleId);
}

/// <summary>One fire of a template schedule: its own DI scope, catch-and-log (a failed fire waits for the next occurrence;
/// Hangfire does not retry it, the occurrence row already says what happened).</summary>
public sealed partial class TemplateScheduleJob(IServiceScopeFactory scopes, ILogger<TemplateScheduleJob> logger)
{
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    [JobDisplayName("Template schedule {0}")]
    public async Task RunAsync(long scheduleId, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<TemplateScheduleFires>().FireAsync(scheduleId, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the next occurrence fires as planned.
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex, scheduleId);
        }
    }

    [LoggerMessage(EventId = 7301, Level = LogLevel.Error, Message = "Template schedule {ScheduleId} failed to fire")]
    private static partial void LogFailed(ILogger logger, Exception ex, long scheduleId);
}
