using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jobs.Core.Notifications;

/// <summary>
/// The Hangfire recurring job <c>notifications:send</c> (every <see cref="NotificationOptions.PollSeconds"/>): sends the
/// deliveries that are due, in its own DI scope with its own catch-and-log. The outbox rows are the queue and carry
/// their own retry times (<see cref="NotificationSender"/>), so a failed pass is not retried by Hangfire — the next
/// one picks up where it stopped — and nothing is lost across restarts.
/// </summary>
public sealed partial class NotificationPass(IServiceScopeFactory scopes, ILogger<NotificationPass> logger)
{
    public const string RecurringId = "notifications:send";
    private const int PerPass = 50;

    /// <summary>Registers the pass (or removes it when <see cref="NotificationOptions.PollSeconds"/> is 0).</summary>
    public static void Register(IRecurringJobManager recurring, NotificationOptions options)
    {
        if (options.PollSeconds <= 0)
        {
            recurring.RemoveIfExists(RecurringId);
            return;
        }
        recurring.AddOrUpdate<NotificationPass>(RecurringId, p => p.RunAsync(CancellationToken.None),
            $"*/{Math.Clamp(options.PollSeconds, 1, 59)} * * * * *", new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
    }

    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var sender = scope.ServiceProvider.GetRequiredService<NotificationSender>();
            foreach (var id in await sender.DueAsync(PerPass, ct))
                await sender.SendAsync(id, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogPassFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending notifications failed; the next pass retries")]
    private static partial void LogPassFailed(ILogger logger, Exception ex);
}
