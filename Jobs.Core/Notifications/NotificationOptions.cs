using Jobs.Core.Domain;
namespace Jobs.Core.Notifications;

/// <summary>Options under <c>Jobs:Notifications</c>.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Jobs:Notifications";

    /// <summary>The address people open JOBS at (<c>https://jobs.example/</c>): messages link to the job's page under
    /// it. Unset: messages carry the path only.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Global webhooks by name: <c>Url</c>, <c>Format</c> (<c>Json</c> | <c>Slack</c>), <c>Events</c> (default all).</summary>
    public Dictionary<string, ConfiguredWebhook> Webhooks { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Attempts before a delivery is given up. Default 8 (about 6 hours with the backoff).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long one POST may take. Default 10 s.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>First retry after this many seconds; each further one waits four times longer, at most an hour. Default 15.</summary>
    public int RetryBaseSeconds { get; set; } = 15;

    /// <summary>How often due deliveries are looked for. Default 5 s; 0 = this process sends none (another node does).</summary>
    public int PollSeconds { get; set; } = 5;

    /// <summary>When the attempt numbered <paramref name="attempts"/> failed, when to try again (null = give up).</summary>
    public DateTime? RetryAt(int attempts, DateTime now)
    {
        if (attempts >= MaxAttempts) return null;
        var seconds = Math.Min(3600, RetryBaseSeconds * Math.Pow(4, Math.Max(0, attempts - 1)));
        return now.AddSeconds(seconds);
    }

    public IEnumerable<WebhookTarget> ConfiguredTargets() =>
        Webhooks.Select(w => new WebhookTarget(w.Key, w.Value.Url ?? "", w.Value.Format,
            w.Value.Events is { Length: > 0 } e ? WebhookTarget.ParseEvents(string.Join(',', e)) : Enum.GetValues<NotificationEvent>(),
            WebhookSource.Configuration));
}

public sealed class ConfiguredWebhook
{
    public string? Url { get; set; }
    public WebhookFormat Format { get; set; } = WebhookFormat.Json;
    public string[]? Events { get; set; }
}
