using System.Net;
using System.Text;
using Jobs.Core.Notifications;
using Jobs.Executors.Http;
using Microsoft.Extensions.Options;

namespace Jobs.Executors.Notifications;

/// <summary>Posts notification bodies (typed HttpClient). Every failure is an answer, never an exception, and its
/// words never include the URL (webhook URLs carry tokens).</summary>
internal sealed class WebhookClient(HttpClient http, IOptionsMonitor<NotificationOptions> options) : IWebhookClient
{
    public async Task<WebhookAnswer> PostAsync(string url, string json, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(Math.Max(1, options.CurrentValue.TimeoutSeconds));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(url, content, cts.Token);
            var code = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return new WebhookAnswer(code, null);
            var body = await ResponseText.SafeBodyAsync(response, cts.Token);
            return new WebhookAnswer(code, $"HTTP {code} {response.ReasonPhrase}" + (body.Length > 0 ? $": {body}" : ""));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookAnswer(null, $"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException ex)
        {
            return new WebhookAnswer(ex.StatusCode is HttpStatusCode c ? (int)c : null,
                ex.HttpRequestError == HttpRequestError.ConnectionError ? "connection refused or unreachable" : $"request failed ({ex.HttpRequestError})");
        }
    }
}
