using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Jobs.Core.Execution;
using Jobs.Executors.Http;

namespace Jobs.Executors.Salt;

/// <summary>
/// Reads salt-api's answers for <see cref="SaltExecutor"/>: logs in with eauth (session kept by <see cref="SessionToken"/>),
/// runs lowstate chunks, fetches jobs, and turns refusals into operator-readable errors.
/// </summary>
internal sealed class SaltApiClient
{
    private readonly ISaltApi _api;
    private readonly ExecutorHttp _http;
    private readonly TimeProvider _time;
    private readonly SessionToken _session;

    public SaltApiClient(ISaltApi api, ExecutorHttp http, TimeProvider time)
    {
        _api = api;
        _http = http;
        _time = time;
        _session = new SessionToken(time, LoginAsync);
    }

    public string ExecutorName => _http.ExecutorName;

    /// <summary>"salt-api at …", for messages.</summary>
    public string Describe => _http.Describe;

    /// <summary>Current session, logging in if there is none or it is about to expire.</summary>
    public Task<Session> SessionAsync(CallKind kind, CancellationToken ct) => _session.CurrentAsync(kind, ct);

    private async Task<Session> LoginAsync(CallKind kind, CancellationToken ct)
    {
        var o = _http.Options;
        var credentials = new JsonObject { ["username"] = o.Username, ["password"] = o.Password, ["eauth"] = o.Eauth };
        using var response = await _http.CallAsync(kind, c => _api.LoginAsync(credentials, kind, c), "login", ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw new ExecutorUnavailableException(_http.ExecutorName,
                $"{_http.Describe} rejected the login of user {o.Username} (eauth {o.Eauth}): HTTP 401 — check Username, Password and Eauth and the master's external_auth");
        }
        if (!response.IsSuccessStatusCode) throw await _http.RejectedAsync(response, "login", ct).ConfigureAwait(false);
        var json = await _http.ReadJsonAsync(response, "login", ct).ConfigureAwait(false);
        // The code returns {"return": [{token, expire, …}]}; the docstring shows a bare object, so accept both.
        var ret = json["return"] is JsonArray { Count: > 0 } list ? list[0] : json["return"];
        var token = ret?["token"]?.GetValue<string>();
        if (string.IsNullOrEmpty(token))
            throw new ExecutorUnavailableException(_http.ExecutorName, $"{_http.Describe} answered the login without a token");
        var expire = ret?["expire"] is JsonValue ev && ev.TryGetValue<double>(out var e)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(e * 1000))
            : _time.GetUtcNow().AddHours(1);
        return new Session(token, expire);
    }

    /// <summary>Sends a lowstate list to <c>POST /</c> and returns the <c>return</c> array (one element per chunk).</summary>
    public async Task<JsonArray> RunAsync(JsonArray lowstate, CallKind kind, string what, CancellationToken ct)
    {
        var json = await AuthorizedJsonAsync(kind, (s, c) => _api.RunAsync(s.Token, lowstate, kind, c), what, ct).ConfigureAwait(false);
        if (json["return"] is JsonArray ret) return ret;
        var message = $"{_http.Describe} answered {what} without a \"return\" list";
        throw kind == CallKind.Write
            ? new ExecutorOutcomeUnknownException(_http.ExecutorName, "outcome unknown: " + message)
            : new ExecutorUnavailableException(_http.ExecutorName, message);
    }

    /// <summary><c>GET /jobs/{jid}</c>: <c>info[0]</c> (Minions, Result, or Error for an unknown jid).</summary>
    public async Task<JsonObject> JobAsync(string jid, CancellationToken ct, CallKind kind = CallKind.Read)
    {
        var what = $"GET /jobs/{jid}";
        var json = await AuthorizedJsonAsync(kind, (s, c) => _api.JobAsync(s.Token, jid, kind, c), what, ct).ConfigureAwait(false);
        return json["info"] is JsonArray { Count: > 0 } info && info[0] is JsonObject o
            ? o
            : throw new ExecutorUnavailableException(_http.ExecutorName, $"{_http.Describe} answered {what} without an \"info\" list");
    }

    private async Task<JsonNode> AuthorizedJsonAsync(CallKind kind, Func<Session, CancellationToken, Task<HttpResponseMessage>> send,
        string what, CancellationToken ct)
    {
        using var response = await _session.SendAsync(kind, s => _http.CallAsync(kind, c => send(s, c), what, ct), ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw new ExecutorUnavailableException(_http.ExecutorName,
                $"{_http.Describe} refused {what} with HTTP 401 right after a fresh login — is user {_http.Options.Username} allowed this function and client in external_auth?");
        }
        if (!response.IsSuccessStatusCode) throw await _http.RejectedAsync(response, what, ct, kind).ConfigureAwait(false);
        return await _http.ReadJsonAsync(response, what, ct, kind).ConfigureAwait(false);
    }

    internal static string FormatExpiry(DateTimeOffset t) => t.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
