using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Jobs.Core.Execution;
using Jobs.Executors.Http;

namespace Jobs.Executors.Salt;

/// <summary>
/// salt-api (rest_cherrypy) calls: <c>POST /login</c> with eauth, lowstate on <c>POST /</c>, <c>GET /jobs/{jid}</c>.
/// The session token is cached until its <c>expire</c> (less a minute) and renewed once when a call answers 401
/// (salt-api restarted, or its in-memory session store lost the session).
/// </summary>
internal sealed class SaltApiClient(ExecutorHttp http, TimeProvider time)
{
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _loginLock = new(1, 1);
    private SaltToken? _token;

    internal sealed record SaltToken(string Value, DateTimeOffset Expires, string User, string Eauth);

    /// <summary>Current token, logging in if there is none or it is about to expire.</summary>
    public async Task<SaltToken> TokenAsync(CallKind kind, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_token is { } t && t.Expires - ExpiryMargin > now) return t;
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

    private async Task<SaltToken> LoginAsync(CallKind kind, CancellationToken ct)
    {
        var o = http.Options;
        using var response = await http.SendAsync(kind == CallKind.Probe ? CallKind.Probe : CallKind.Read, () => new HttpRequestMessage(HttpMethod.Post, new Uri(http.BaseUri, "login"))
        {
            Headers = { Accept = { new MediaTypeWithQualityHeaderValue("application/json") } },
            Content = ExecutorHttp.Json(new JsonObject { ["username"] = o.Username, ["password"] = o.Password, ["eauth"] = o.Eauth }),
        }, "login", ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            throw new ExecutorUnavailableException(http.ExecutorName,
                $"{http.Describe} rejected the login of user {o.Username} (eauth {o.Eauth}): HTTP 401 — check Username, Password and Eauth and the master's external_auth");
        }
        if (!response.IsSuccessStatusCode) throw await http.RejectedAsync(response, "login", ct).ConfigureAwait(false);
        var json = await http.ReadJsonAsync(response, "login", ct).ConfigureAwait(false);
        // The code returns {"return": [{token, expire, …}]}; the docstring shows a bare object, so accept both.
        var ret = json["return"] is JsonArray { Count: > 0 } list ? list[0] : json["return"];
        var token = ret?["token"]?.GetValue<string>();
        if (string.IsNullOrEmpty(token))
            throw new ExecutorUnavailableException(http.ExecutorName, $"{http.Describe} answered the login without a token");
        var expire = ret?["expire"] is JsonValue ev && ev.TryGetValue<double>(out var e)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(e * 1000))
            : time.GetUtcNow().AddHours(1);
        return new SaltToken(token, expire, o.Username ?? "", o.Eauth);
    }

    /// <summary>Sends a lowstate list to <c>POST /</c> and returns the <c>return</c> array (one element per chunk).</summary>
    public async Task<JsonArray> RunAsync(JsonArray lowstate, CallKind kind, string what, CancellationToken ct)
    {
        var json = await AuthorizedJsonAsync(kind, () => new HttpRequestMessage(HttpMethod.Post, http.BaseUri)
        {
            Content = ExecutorHttp.Json(lowstate),
        }, what, ct).ConfigureAwait(false);
        if (json["return"] is JsonArray ret) return ret;
        var message = $"{http.Describe} answered {what} without a \"return\" list";
        throw kind == CallKind.Write
            ? new ExecutorOutcomeUnknownException(http.ExecutorName, "outcome unknown: " + message)
            : new ExecutorUnavailableException(http.ExecutorName, message);
    }

    /// <summary><c>GET /jobs/{jid}</c>: <c>info[0]</c> (Minions, Result, or Error for an unknown jid).</summary>
    public async Task<JsonObject> JobAsync(string jid, CancellationToken ct)
    {
        var what = $"GET /jobs/{jid}";
        var json = await AuthorizedJsonAsync(CallKind.Read,
            () => new HttpRequestMessage(HttpMethod.Get, new Uri(http.BaseUri, "jobs/" + Uri.EscapeDataString(jid))), what, ct).ConfigureAwait(false);
        return json["info"] is JsonArray { Count: > 0 } info && info[0] is JsonObject o
            ? o
            : throw new ExecutorUnavailableException(http.ExecutorName, $"{http.Describe} answered {what} without an \"info\" list");
    }

    private async Task<JsonNode> AuthorizedJsonAsync(CallKind kind, Func<HttpRequestMessage> build, string what, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var token = await TokenAsync(kind, ct).ConfigureAwait(false);
            using var response = await http.SendAsync(kind, () =>
            {
                var m = build();
                m.Headers.Add("X-Auth-Token", token.Value);
                m.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                return m;
            }, what, ct).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                // Session lost (salt-api restart, expiry, another worker): forget it and log in once more.
                Interlocked.CompareExchange(ref _token, null, token);
                if (attempt == 1) continue;
                throw new ExecutorUnavailableException(http.ExecutorName,
                    $"{http.Describe} refused {what} with HTTP 401 right after a fresh login — is user {http.Options.Username} allowed this function and client in external_auth?");
            }
            if (!response.IsSuccessStatusCode) throw await http.RejectedAsync(response, what, ct, kind).ConfigureAwait(false);
            return await http.ReadJsonAsync(response, what, ct, kind).ConfigureAwait(false);
        }
    }

    internal static string FormatExpiry(DateTimeOffset t) => t.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
