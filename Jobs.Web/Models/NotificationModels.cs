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
    /// <summary>The templates a webhook can be limited to.</summary>
    public IReadOnlyList<(long Id, string Name)> Templates { get; init; } = [];

    public string Scope(WebhookTarget w) =>
        w.TemplateId is not { } id ? "every job" : Templates.FirstOrDefault(t => t.Id == id).Name is { } name ? $"jobs of {name}" : $"jobs of template {id}";
}

public sealed class WebhookForm
{
    [Display(Name = "Name")]
    public string? Name { get; set; }

    [Display(Name = "URL")]
    public string? Url { get; set; }

    public WebhookFormat Format { get; set; } = WebhookFormat.Json;

    /// <summary>Only jobs created from this template; empty = every job.</summary>
    [Display(Name = "For")]
    public long? TemplateId { get; set; }

    /// <summary>Default: every event.</summary>
    public List<NotificationEvent> Events { get; set; } = [.. Enum.GetValues<NotificationEvent>()];
}
