using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jobs.Core.Notifications;

/// <summary>
/// Sends due deliveries every <see cref="NotificationOptions.PollSeconds"/>: each pass in its own DI scope with its
/// own catch-and-log. The outbox rows are the queue, so nothing is lost across restarts, and the claim in
/// <see cref="NotificationSender"/> keeps nodes from posting the same delivery twice at once.
/// </summary>
public sealed partial class NotificationDispatcher(IServiceScopeFactory scopes, IOptionsMonitor<NotificationOptions> options,
    ILogger<NotificationDispatcher> logger) : BackgroundService
{
    private const int PerPass = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var poll = options.CurrentValue.PollSeconds;
            await Task.Delay(TimeSpan.FromSeconds(poll > 0 ? poll : 5), stoppingToken);
            if (poll == 0) continue;
            try
            {
                await PassAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(logger, ex);
            }
        }
    }

    /// <summary>One pass: every due delivery (up to <see cref="PerPass"/>).</summary>
    public async Task PassAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<NotificationSender>();
        foreach (var id in await sender.DueAsync(PerPass, ct))
            await sender.SendAsync(id, ct);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending notifications failed; the next pass retries")]
    private static partial void LogPassFailed(ILogger logger, Exception ex);
}
