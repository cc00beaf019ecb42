using System.ComponentModel.DataAnnotations;
using Jobs.Core.Domain;

namespace Jobs.Web.Models;

/// <summary>One delivery as the job page shows it.</summary>
public sealed record DeliveryRow(long Id, string Webhook, NotificationEvent Event, string? Reason, DateTime OccurredAt,
    DeliveryStatus Status, int Attempts, DateTime? LastAttemptAt, int? LastStatusCode, string? LastError, DateTime? NextAttemptAt,
    DateTime? DeliveredAt)
{
    public string Tone => Status switch
    {
        DeliveryStatus.Delivered => "success",
        DeliveryStatus.Failed => "danger",
        _ => Attempts > 0 ? "warning" : "secondary",
    };
}

/// <summary>Settings → Notifications: every webhook (URLs masked) and the form to add one.</summary>
public sealed class NotificationSettingsPage
{
    public required IReadOnlyList<WebhookTarget> Webhooks { get; init; }
    public WebhookForm Form { get; init; } = new();
    public string? PublicUrl { get; init; }
}

public sealed class WebhookForm
{
    [Display(Name = "Name")]
    public string? Name { get; set; }

    [Display(Name = "URL")]
    public string? Url { get; set; }

    public WebhookFormat Format { get; set; } = WebhookFormat.Json;

    /// <summary>Default: every event.</summary>
    public List<NotificationEvent> Events { get; set; } = [.. Enum.GetValues<NotificationEvent>()];
}
