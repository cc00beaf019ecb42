namespace Jobs.Core.Domain;

/// <summary>The body a webhook receives.</summary>
public enum WebhookFormat
{
    /// <summary>JOBS' own JSON: job id, name, status, event, reason, host counts, link.</summary>
    Json = 0,
    /// <summary>Slack-compatible <c>{"text": "…"}</c> (Slack, Mattermost, Rocket.Chat incoming webhooks).</summary>
    Slack = 1,
}

/// <summary>A webhook added by an Admin under Settings → Notifications (configured ones come from
/// <c>Jobs:Notifications:Webhooks</c>; both are a <see cref="WebhookTarget"/>): global, or for the jobs of one template.</summary>
public sealed class NotificationWebhook
{
    private NotificationWebhook() { } // EF

    public NotificationWebhook(string name, string url, WebhookFormat format, IEnumerable<NotificationEvent> events, string createdBy, DateTime now,
        long? templateId = null)
    {
        TemplateId = templateId;
        Name = name.Trim();
        Url = url.Trim();
        Format = format;
        Events = WebhookTarget.EventList(events);
        Enabled = true;
        CreatedBy = createdBy;
        CreatedAt = DateTime.SpecifyKind(now, DateTimeKind.Utc);
    }

    public long Id { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>The URL, often with a token in it: never shown in full (<see cref="WebhookUrl.Mask"/>).</summary>
    public string Url { get; private set; } = "";
    public WebhookFormat Format { get; private set; }
    /// <summary>The events it wants, comma-separated (<see cref="NotificationEvent"/> names).</summary>
    public string Events { get; private set; } = "";
    public bool Enabled { get; private set; }
    /// <summary>Only jobs created from this template (any version); null = every job.</summary>
    public long? TemplateId { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }

    public void SetEnabled(bool enabled) => Enabled = enabled;

    public WebhookTarget ToTarget() => new(Name, Url, Format, WebhookTarget.ParseEvents(Events), WebhookSource.Settings, Enabled, TemplateId);
}

public enum WebhookSource { Configuration, Settings }

/// <summary>A webhook wherever it was defined: what the outbox fans out to and the sender posts to.</summary>
public sealed record WebhookTarget(string Name, string Url, WebhookFormat Format, IReadOnlyList<NotificationEvent> Events,
    WebhookSource Source, bool Enabled = true, long? TemplateId = null)
{
    public bool Wants(NotificationEvent e) => Enabled && Enumerable.Contains(Events, e);

    /// <summary>Whether it is told about this job: a global webhook about every job, a template's about its jobs only.</summary>
    public bool Covers(Job job) => TemplateId is null || TemplateId == job.TemplateId;

    public static string EventList(IEnumerable<NotificationEvent> events) => string.Join(',', events.Distinct().Order());

    public static IReadOnlyList<NotificationEvent> ParseEvents(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => Enum.TryParse<NotificationEvent>(s, true, out var e) ? e : (NotificationEvent?)null)
            .OfType<NotificationEvent>().ToList();

    /// <summary>Checks a webhook's fields; returns field → message (empty = fine).</summary>
    public static Dictionary<string, string> Validate(string? name, string? url, IReadOnlyCollection<NotificationEvent>? events)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 64 || !name.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            errors["name"] = "Name: 1 to 64 letters, digits, '-', '_' or '.'.";
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || (url?.Length ?? 0) > 2000)
            errors["url"] = "URL: an absolute http:// or https:// address of at most 2000 characters.";
        if (events is { Count: 0 }) errors["events"] = "Events: choose at least one event.";
        return errors;
    }
}

/// <summary>Webhook URLs carry tokens (Slack's <c>/services/T…/B…/secret</c>): pages show only the scheme and host.</summary>
public static class WebhookUrl
{
    public static string Mask(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) ? $"{u.Scheme}://{u.Authority}/…" : "…";
}

/// <summary>The words a page shows for an event.</summary>
public static class NotificationText
{
    public static string Label(NotificationEvent e) => e switch
    {
        NotificationEvent.AwaitingApproval => "Awaiting approval",
        NotificationEvent.Paused => "Paused",
        NotificationEvent.Succeeded => "Succeeded",
        NotificationEvent.Failed => "Completed with failures",
        NotificationEvent.Aborted => "Aborted",
        _ => e.ToString(),
    };

    public static string Label(DeliveryStatus s) => s switch
    {
        DeliveryStatus.Pending => "Pending",
        DeliveryStatus.Delivered => "Delivered",
        DeliveryStatus.Failed => "Gave up",
        _ => s.ToString(),
    };

    /// <summary>Used by the message and the audit: "Job 42 (restart order-api) paused: batch 2: failure rate 12.5% > 10%".</summary>
    public static string Headline(long jobId, string jobName, NotificationEvent e, string? reason) =>
        $"Job {jobId} ({jobName}) " + e switch
        {
            NotificationEvent.AwaitingApproval => "is awaiting approval",
            NotificationEvent.Paused => "paused",
            NotificationEvent.Succeeded => "succeeded",
            NotificationEvent.Failed => "completed with failures",
            NotificationEvent.Aborted => "was aborted",
            _ => e.ToString(),
        } + (string.IsNullOrWhiteSpace(reason) ? "" : $": {reason}");
}
