using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jobs.Core.Retention;

/// <summary>The Hangfire recurring job <c>retention:purge</c> on <see cref="RetentionOptions.Schedule"/> (UTC): one
/// <see cref="JobRetention.PurgeAsync"/> in its own DI scope, catch-and-log; a failed run waits for the next occurrence
/// (a purge stopped half-way is finished then).</summary>
public sealed partial class RetentionJob(IServiceScopeFactory scopes, ILogger<RetentionJob> logger)
{
    public const string RecurringId = "retention:purge";

    public static void Register(IRecurringJobManager recurring, RetentionOptions options) =>
        recurring.AddOrUpdate<RetentionJob>(RecurringId, j => j.RunAsync(CancellationToken.None), options.Schedule.Trim(),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });

    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [DisableConcurrentExecution(timeoutInSeconds: 3600)]
    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<JobRetention>().PurgeAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogFailed(logger, ex);
        }
    }

    /// <summary>Whether <paramref name="schedule"/> is a cron expression (5 fields, or 6 with seconds).</summary>
    public static bool IsCron(string? schedule)
    {
        if (string.IsNullOrWhiteSpace(schedule)) return false;
        var text = schedule.Trim();
        var format = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? Cronos.CronFormat.IncludeSeconds : Cronos.CronFormat.Standard;
        return Cronos.CronExpression.TryParse(text, format, out _);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention purge failed; the next occurrence carries on")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
