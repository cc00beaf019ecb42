using System.Text.Json;
using System.Text.Json.Serialization;
using Jobs.Core.Domain;

namespace Jobs.Core.Notifications;

/// <summary>What a webhook is told: the event as it happened (status, reason) and the job's host counts when sent.</summary>
public sealed record NotificationMessage(
    string Event,
    long JobId,
    string Name,
    string Status,
    string StatusText,
    string? Reason,
    HostTotals Hosts,
    string Link,
    DateTime OccurredAt,
    string Text)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public static NotificationMessage For(NotificationDelivery d, string jobName, HostTotals hosts, string? publicUrl)
    {
        var link = string.IsNullOrWhiteSpace(publicUrl) ? $"/jobs/{d.JobId}" : $"{publicUrl.TrimEnd('/')}/jobs/{d.JobId}";
        var text = NotificationText.Headline(d.JobId, jobName, d.Event, d.Reason) +
                   $" — {hosts.Succeeded} succeeded, {hosts.Failed + hosts.TimedOut} failed, {hosts.Pending + hosts.Running} to go of {hosts.Total} hosts.";
        return new NotificationMessage(Slug(d.Event), d.JobId, jobName, d.JobStatus.ToString(), Domain.StatusText.Label(d.JobStatus),
            d.Reason, hosts, link, d.OccurredAt, text);
    }

    /// <summary>The body for <paramref name="format"/>: this record as JSON, or Slack's <c>{"text": …}</c> with a link.</summary>
    public string Body(WebhookFormat format) => format == WebhookFormat.Slack
        ? JsonSerializer.Serialize(new { text = $"{Text} <{Link}|Open job {JobId}>" }, Json)
        : JsonSerializer.Serialize(this, Json);

    /// <summary><c>awaiting-approval</c>, <c>paused</c>, <c>succeeded</c>, <c>failed</c>, <c>aborted</c>.</summary>
    public static string Slug(NotificationEvent e) => e == NotificationEvent.AwaitingApproval ? "awaiting-approval" : e.ToString().ToLowerInvariant();
}

/// <summary>A job's hosts by status.</summary>
public sealed record HostTotals(int Total, int Pending, int Running, int Succeeded, int Failed, int TimedOut, int Canceled, int Skipped)
{
    public static HostTotals From(IReadOnlyDictionary<HostStatus, int> byStatus)
    {
        int Get(HostStatus s) => byStatus.TryGetValue(s, out var n) ? n : 0;
        return new HostTotals(byStatus.Values.Sum(), Get(HostStatus.Pending), Get(HostStatus.Running), Get(HostStatus.Succeeded),
            Get(HostStatus.Failed), Get(HostStatus.TimedOut), Get(HostStatus.Canceled), Get(HostStatus.Skipped));
    }
}
