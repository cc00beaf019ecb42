using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Jobs.Core.Execution;
using Jobs.Executors.Http;

namespace Jobs.Executors.StackStorm;

/// <summary>
/// st2 API calls through nginx paths (<c>/api/v1/…</c>, <c>/auth/v1/…</c>). Authenticates with <c>St2-Api-Key</c> when an
/// API key is configured, otherwise with an <c>X-Auth-Token</c> from <c>POST /auth/v1/tokens</c> (HTTP Basic), cached until
/// its <c>expiry</c> less a minute and renewed once on 401.
/// </summary>
internal sealed class StackStormApiClient(ExecutorHttp http, TimeProvider time)
{
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _loginLock = new(1, 1);
    private St2Token? _token;

    internal sealed record St2Token(string Value, DateTimeOffset Expires);

    public bool UsesApiKey => !string.IsNullOrEmpty(http.Options.ApiKey);

    public Uri Api(string relative) => new(http.BaseUri, "api/v1/" + relative);

    public async Task<St2Token?> TokenAsync(CallKind kind, CancellationToken ct)
    {
        if (UsesApiKey) return null;
        if (_token is { } t && t.Expires - ExpiryMargin > time.GetUtcNow()) return t;
        await _loginLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_token is { } t2 && t2.Expires - ExpiryMargin > time.GetUtcNow()) return t2;
            _token = await LoginAsync(kind, ct).ConfigureAwait(false);
            return _token;
        }
        finally
        {
            _loginLock.Release();
        }
    }

    private async Task<St2Token> LoginAsync(CallKind kind, CancellationToken ct)
    {
        var o = http.Options;
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{o.Username}:{o.Password}"));
        using var response = await http.SendAsync(kind == CallKind.Probe ? CallKind.Probe : CallKind.Read,
            () => new HttpRequestMessage(HttpMethod.Post, new Uri(http.BaseUri, "auth/v1/tokens"))
            {
                Headers = { Authorization = new AuthenticationHeaderValue("Basic", basic) },
                Content = ExecutorHttp.Json(new JsonObject()),
            }, "POST /auth/v1/tokens", ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
            throw new ExecutorUnavailableException(http.ExecutorName,
                $"{http.Describe} rejected the credentials of user {o.Username} at /auth/v1/tokens (HTTP 401): check Username and Password");
        if (!response.IsSuccessStatusCode) throw await http.RejectedAsync(response, "POST /auth/v1/tokens", ct).ConfigureAwait(false);
        var json = await http.ReadJsonAsync(response, "POST /auth/v1/tokens", ct).ConfigureAwait(false);
        var token = json["token"]?.GetValue<string>();
        if (string.IsNullOrEmpty(token))
            throw new ExecutorUnavailableException(http.ExecutorName, $"{http.Describe} answered /auth/v1/tokens without a token");
        var expires = json["expiry"]?.GetValue<string>() is { } e &&
                      DateTimeOffset.TryParse(e, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var x)
            ? x
            : time.GetUtcNow().AddHours(1);
        return new St2Token(token, expires);
    }

    /// <summary>
    /// Sends an authenticated request and returns the response (any status except 401, which is retried once with a
    /// fresh token in token mode and otherwise becomes <see cref="ExecutorUnavailableException"/>). Caller disposes.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(CallKind kind, Func<HttpRequestMessage> build, string what, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var token = await TokenAsync(kind, ct).ConfigureAwait(false);
            var response = await http.SendAsync(kind, () =>
            {
                var m = build();
                if (token is null) m.Headers.Add("St2-Api-Key", http.Options.ApiKey);
                else m.Headers.Add("X-Auth-Token", token.Value);
                m.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                return m;
            }, what, ct).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Unauthorized) return response;

            var body = await ExecutorHttp.SafeBodyAsync(response, ct).ConfigureAwait(false);
            response.Dispose();
            if (token is not null)
            {
                Interlocked.CompareExchange(ref _token, null, token);
                if (attempt == 1) continue;
            }
            throw new ExecutorUnavailableException(http.ExecutorName,
                $"{http.Describe} refused {what} with HTTP 401 ({body}): " +
                (token is null ? "the API key is not valid" : "a fresh token was refused too"));
        }
    }
}
