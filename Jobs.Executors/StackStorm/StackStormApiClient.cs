using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Jobs.Core.Execution;
using Jobs.Executors.Http;

namespace Jobs.Executors.StackStorm;

/// <summary>
/// Authenticates st2 calls: with <c>St2-Api-Key</c> when an API key is configured (sent by the client itself), otherwise
/// with an <c>X-Auth-Token</c> from st2auth's <c>POST /v1/tokens</c> (HTTP Basic), kept by <see cref="SessionToken"/>.
/// </summary>
internal sealed class StackStormApiClient
{
    private readonly IStackStormAuthApi _auth;
    private readonly ExecutorHttp _http;
    private readonly TimeProvider _time;
    private readonly SessionToken _session;

    public StackStormApiClient(IStackStormApi api, IStackStormAuthApi auth, ExecutorHttp http, TimeProvider time)
    {
        Api = api;
        _auth = auth;
        _http = http;
        _time = time;
        _session = new SessionToken(time, LoginAsync);
    }

    public IStackStormApi Api { get; }

    public bool UsesApiKey => !string.IsNullOrEmpty(_http.Options.ApiKey);

    /// <summary>Behind nginx the paths carry <c>/api</c> and <c>/auth</c>; on the service ports they start at <c>/v1</c>.</summary>
    private bool BehindNginx => string.IsNullOrWhiteSpace(_http.Options.AuthUrl);

    /// <summary>An API path as operators see it in messages: <c>/api/v1/executions</c> behind nginx, <c>/v1/executions</c> direct.</summary>
    public string ApiPath(string relative) => (BehindNginx ? "/api/v1/" : "/v1/") + relative;

    private string TokensPath => BehindNginx ? "/auth/v1/tokens" : $"{_http.Options.AuthUrl!.TrimEnd('/')}/v1/tokens";

    /// <summary>st2api's root: <c>BaseUrl/api/</c> behind nginx, else <c>BaseUrl</c>.</summary>
    public static Uri ApiRoot(Configuration.RemoteExecutorOptions o) =>
        string.IsNullOrWhiteSpace(o.AuthUrl) ? new Uri(ExecutorHttp.WithSlash(o.BaseUrl), "api/") : ExecutorHttp.WithSlash(o.BaseUrl);

    /// <summary>st2auth's root: <c>BaseUrl/auth/</c> behind nginx, else <c>AuthUrl</c>.</summary>
    public static Uri AuthRoot(Configuration.RemoteExecutorOptions o) =>
        string.IsNullOrWhiteSpace(o.AuthUrl) ? new Uri(ExecutorHttp.WithSlash(o.BaseUrl), "auth/") : ExecutorHttp.WithSlash(o.AuthUrl);

    /// <summary>Null with an API key; otherwise the current token, logging in when needed.</summary>
    public async Task<Session?> SessionAsync(CallKind kind, CancellationToken ct) =>
        UsesApiKey ? null : await _session.CurrentAsync(kind, ct).ConfigureAwait(false);

    private async Task<Session> LoginAsync(CallKind kind, CancellationToken ct)
    {
        var o = _http.Options;
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{o.Username}:{o.Password}"));
        var what = "POST " + TokensPath;
        using var response = await _http.CallAsync(kind, c => _auth.CreateTokenAsync(basic, new JsonObject(), kind, c), what, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
            throw new ExecutorUnavailableException(_http.ExecutorName,
                $"{_http.Describe} rejected the credentials of user {o.Username} at {TokensPath} (HTTP 401): check Username and Password");
        if (!response.IsSuccessStatusCode) throw await _http.RejectedAsync(response, what, ct).ConfigureAwait(false);
        var json = await _http.ReadJsonAsync(response, what, ct).ConfigureAwait(false);
        var token = json["token"]?.GetValue<string>();
        if (string.IsNullOrEmpty(token))
            throw new ExecutorUnavailableException(_http.ExecutorName, $"{_http.Describe} answered {TokensPath} without a token");
        var expires = json["expiry"]?.GetValue<string>() is { } e &&
                      DateTimeOffset.TryParse(e, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var x)
            ? x
            : _time.GetUtcNow().AddHours(1);
        return new Session(token, expires);
    }

    /// <summary>
    /// Sends an authenticated call and returns the response (any status except 401, which is retried once with a fresh
    /// token in token mode and otherwise becomes <see cref="ExecutorUnavailableException"/>). Caller disposes.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(CallKind kind, Func<string?, CancellationToken, Task<HttpResponseMessage>> send,
        string what, CancellationToken ct)
    {
        var response = UsesApiKey
            ? await _http.CallAsync(kind, c => send(null, c), what, ct).ConfigureAwait(false)
            : await _session.SendAsync(kind, s => _http.CallAsync(kind, c => send(s.Token, c), what, ct), ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized) return response;

        var body = await ResponseText.SafeBodyAsync(response, ct).ConfigureAwait(false);
        response.Dispose();
        throw new ExecutorUnavailableException(_http.ExecutorName,
            $"{_http.Describe} refused {what} with HTTP 401 ({body}): " + (UsesApiKey ? "the API key is not valid" : "a fresh token was refused too"));
    }
}
