namespace Jobs.Core.Notifications;

/// <summary>Posts one JSON body to a webhook (implemented with an HTTP client in Jobs.Executors). Never throws for
/// an unreachable or refusing receiver: the answer says what happened, in words that never contain the URL.</summary>
public interface IWebhookClient
{
    Task<WebhookAnswer> PostAsync(string url, string json, CancellationToken cancellationToken);
}

/// <summary>The receiver's HTTP status (null when none came: refused, timed out) and, unless it was 2xx, why it failed.</summary>
public sealed record WebhookAnswer(int? StatusCode, string? Error)
{
    public bool Delivered => StatusCode is >= 200 and < 300;
}
