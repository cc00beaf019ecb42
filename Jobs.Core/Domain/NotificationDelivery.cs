
namespace Jobs.Core.Domain;

/// <summary>The job events a webhook can be told about.</summary>
public enum NotificationEvent
{
    /// <summary>The job waits for an operator's approval (a manual gate, or the two-person rule).</summary>
    AwaitingApproval = 0,
    /// <summary>Paused by an operator, a gate or a system fault; the message carries the reason.</summary>
    Paused = 1,
    /// <summary>Finished: every host succeeded.</summary>
    Succeeded = 2,
    /// <summary>Finished with failed or timed-out hosts.</summary>
    Failed = 3,
    /// <summary>Aborted by an operator or by a gate.</summary>
    Aborted = 4,
}

/// <summary>Where a delivery stands.</summary>
public enum DeliveryStatus
{
    /// <summary>Not delivered yet; sent at <see cref="NotificationDelivery.NextAttemptAt"/>.</summary>
    Pending = 0,
    /// <summary>The webhook answered 2xx.</summary>
    Delivered = 1,
    /// <summary>Every attempt failed; no more retries.</summary>
    Failed = 2,
}

/// <summary>
/// One message about one job event to one webhook: the outbox row written in the same transaction as the job's
/// status change (<c>Notifications.NotificationOutbox</c>), then sent in the background with retries
/// (<c>Notifications.NotificationSender</c>). The webhook is named, not copied: its URL (a secret) stays in its settings.
/// </summary>
public sealed class NotificationDelivery
{
    private NotificationDelivery() { } // EF

    public NotificationDelivery(Job job, NotificationEvent @event, string webhook, DateTime now)
    {
        Job = job;
        JobId = job.Id;
        Event = @event;
        JobStatus = job.Status;
        Reason = job.StopReason;
        Webhook = webhook;
        OccurredAt = DateTime.SpecifyKind(now, DateTimeKind.Utc);
        NextAttemptAt = OccurredAt;
        Status = DeliveryStatus.Pending;
    }

    public long Id { get; private set; }
    public long JobId { get; private set; }
    /// <summary>Set only while the job and this row are saved together (a job created waiting for approval has no id yet).</summary>
    public Job? Job { get; private set; }
    public NotificationEvent Event { get; private set; }
    /// <summary>The job's status when the event happened.</summary>
    public JobStatus JobStatus { get; private set; }
    /// <summary>Why the job stopped (pause, gate, abort), as at the event.</summary>
    public string? Reason { get; private set; }
    /// <summary>Name of the webhook (configured or from Settings → Notifications).</summary>
    public string Webhook { get; private set; } = "";
    public DateTime OccurredAt { get; private set; }
    public DeliveryStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTime? LastAttemptAt { get; private set; }
    /// <summary>The HTTP status of the last answer; null when there was none (connection refused, timeout).</summary>
    public int? LastStatusCode { get; private set; }
    public string? LastError { get; private set; }
    /// <summary>When the next attempt is due; null once delivered or given up.</summary>
    public DateTime? NextAttemptAt { get; private set; }
    public DateTime? DeliveredAt { get; private set; }

    public void Delivered(int statusCode, DateTime now)
    {
        RequirePending();
        Attempts++;
        LastAttemptAt = now;
        LastStatusCode = statusCode;
        LastError = null;
        Status = DeliveryStatus.Delivered;
        DeliveredAt = now;
        NextAttemptAt = null;
    }

    /// <summary>An attempt failed: retry at <paramref name="retryAt"/>, or give up when it is null.</summary>
    public void AttemptFailed(int? statusCode, string error, DateTime now, DateTime? retryAt)
    {
        RequirePending();
        Attempts++;
        LastAttemptAt = now;
        LastStatusCode = statusCode;
        LastError = error.Length > 1000 ? error[..1000] : error;
        NextAttemptAt = retryAt;
        if (retryAt is null) Status = DeliveryStatus.Failed;
    }

    private void RequirePending()
    {
        if (Status != DeliveryStatus.Pending)
            throw new InvalidTransitionException($"Delivery {Id} is already {Status.ToString().ToLowerInvariant()}.");
    }

    /// <summary>The event a job in <paramref name="status"/> has just reached, or null when nobody is told about it.</summary>
    public static NotificationEvent? EventFor(JobStatus status) => status switch
    {
        JobStatus.AwaitingApproval => NotificationEvent.AwaitingApproval,
        JobStatus.Paused => NotificationEvent.Paused,
        JobStatus.Succeeded => NotificationEvent.Succeeded,
        JobStatus.CompletedWithFailures => NotificationEvent.Failed,
        JobStatus.Aborted => NotificationEvent.Aborted,
        _ => null,
    };
}
