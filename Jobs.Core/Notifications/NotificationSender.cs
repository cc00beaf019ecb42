using Jobs.Core.Auditing;
using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jobs.Core.Notifications;

/// <summary>
/// Sends one due delivery: claims it (a conditional update, so two nodes never post it at the same time), posts the
/// message, and records the answer — delivered, or failed with the next retry (backoff from
/// <see cref="NotificationOptions.RetryAt"/>), or given up after <see cref="NotificationOptions.MaxAttempts"/>.
/// The outcome (delivered, given up) is audited. At least once: a process that dies mid-post retries after the claim lapses.
/// </summary>
public sealed partial class NotificationSender(JobsDbContext db, IWebhookClient client, IOptionsMonitor<NotificationOptions> options,
    TimeProvider clock, ILogger<NotificationSender> logger)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Deliveries due now, oldest first.</summary>
    public Task<List<long>> DueAsync(int max, CancellationToken ct)
    {
        var now = Now;
        return db.NotificationDeliveries.AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now)
            .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id).Select(d => d.Id).Take(max).ToListAsync(ct);
    }

    /// <summary>Sends delivery <paramref name="deliveryId"/> if it is due and nobody else has it. Returns its status
    /// afterwards (null: no such delivery).</summary>
    public async Task<DeliveryStatus?> SendAsync(long deliveryId, CancellationToken ct)
    {
        var o = options.CurrentValue;
        if (!await ClaimAsync(deliveryId, o, ct))
            return await db.NotificationDeliveries.Where(d => d.Id == deliveryId).Select(d => (DeliveryStatus?)d.Status).SingleOrDefaultAsync(ct);
        var delivery = await db.NotificationDeliveries.SingleAsync(d => d.Id == deliveryId, ct);
        var job = await db.Jobs.AsNoTracking().Where(j => j.Id == delivery.JobId).Select(j => new { j.Name }).SingleAsync(ct);
        var target = await FindTargetAsync(delivery.Webhook, o, ct);
        WebhookAnswer answer;
        if (target is null)
        {
            answer = new WebhookAnswer(null, "the webhook no longer exists");
        }
        else
        {
            var message = NotificationMessage.For(delivery, job.Name, await CountsAsync(delivery.JobId, ct), o.PublicUrl);
            answer = await client.PostAsync(target.Url, message.Body(target.Format), ct);
        }
        Record(delivery, job.Name, answer, target is null ? null : o);
        await db.SaveChangesAsync(CancellationToken.None);
        return delivery.Status;
    }

    /// <summary>Moves the due time ahead by a lease while this process posts; zero rows = not due or another node has it.</summary>
    private async Task<bool> ClaimAsync(long id, NotificationOptions o, CancellationToken ct)
    {
        var now = Now;
        var lease = now.AddSeconds(o.TimeoutSeconds * 3 + 30);
        return await db.NotificationDeliveries
            .Where(d => d.Id == id && d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, lease), ct) == 1;
    }

    private void Record(NotificationDelivery delivery, string jobName, WebhookAnswer answer, NotificationOptions? retryWith)
    {
        var now = Now;
        var what = $"{delivery.Webhook}: {NotificationText.Headline(delivery.JobId, jobName, delivery.Event, null)}";
        if (answer.Delivered)
        {
            delivery.Delivered(answer.StatusCode!.Value, now);
            db.Audit(clock, Actor.System, "notification.delivered", $"job/{delivery.JobId}",
                $"{what} — delivered (HTTP {answer.StatusCode}) at attempt {delivery.Attempts}");
            LogDelivered(logger, delivery.Id, delivery.JobId, delivery.Webhook, delivery.Attempts);
            return;
        }
        var error = answer.Error ?? $"HTTP {answer.StatusCode}";
        delivery.AttemptFailed(answer.StatusCode, error, now, retryWith?.RetryAt(delivery.Attempts + 1, now));
        if (delivery.Status == DeliveryStatus.Failed)
        {
            db.Audit(clock, Actor.System, "notification.failed", $"job/{delivery.JobId}",
                $"{what} — gave up after {delivery.Attempts} attempts: {error}");
            LogGaveUp(logger, delivery.Id, delivery.JobId, delivery.Webhook, delivery.Attempts, error);
        }
        else
        {
            LogRetry(logger, delivery.Id, delivery.JobId, delivery.Webhook, delivery.Attempts, error, delivery.NextAttemptAt);
        }
    }

    private async Task<WebhookTarget?> FindTargetAsync(string name, NotificationOptions o, CancellationToken ct) =>
        o.ConfiguredTargets().FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? (await db.NotificationWebhooks.AsNoTracking().FirstOrDefaultAsync(w => w.Name == name, ct))?.ToTarget();

    private async Task<HostTotals> CountsAsync(long jobId, CancellationToken ct)
    {
        var rows = await db.HostTasks.AsNoTracking().Where(h => h.JobId == jobId)
            .GroupBy(h => h.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return HostTotals.From(rows.ToDictionary(r => r.Key, r => r.Count));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {DeliveryId} of job {JobId} delivered to {Webhook} (attempt {Attempts})")]
    private static partial void LogDelivered(ILogger logger, long deliveryId, long jobId, string webhook, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {DeliveryId} of job {JobId} to {Webhook} failed (attempt {Attempts}): {Error}; next try at {NextAttemptAt:u}")]
    private static partial void LogRetry(ILogger logger, long deliveryId, long jobId, string webhook, int attempts, string error, DateTime? nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification {DeliveryId} of job {JobId} to {Webhook} gave up after {Attempts} attempts: {Error}")]
    private static partial void LogGaveUp(ILogger logger, long deliveryId, long jobId, string webhook, int attempts, string error);
}
