using System.Net;

namespace Jobs.Executors.Http;

/// <summary>A session credential and when it stops being valid.</summary>
public sealed record Session(string Token, DateTimeOffset Expires);

/// <summary>
/// The session logic salt-api and StackStorm share: log in on first use, keep the token until its expiry (less a minute),
/// and when a call is answered 401 (salt-api restarted and lost its in-memory sessions, the token was revoked) forget
/// it, log in once more and repeat the call once. One instance per executor instance.
/// </summary>
public sealed class SessionToken(TimeProvider time, Func<CallKind, CancellationToken, Task<Session>> login)
{
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim _loginLock = new(1, 1);
    private Session? _current;

    /// <summary>The current session, logging in if there is none or it is about to expire.</summary>
    public async Task<Session> CurrentAsync(CallKind kind, CancellationToken ct)
    {
        if (Valid(_current) is { } s) return s;
        await _loginLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // A probe logs in as a probe (no retry, no breaker); everything else logs in as a read.
            return Valid(_current) ?? (_current = await login(kind == CallKind.Probe ? CallKind.Probe : CallKind.Read, ct).ConfigureAwait(false));
        }
        finally
        {
            _loginLock.Release();
        }
    }

    /// <summary>
    /// Sends <paramref name="call"/> with the current session; on 401, logs in again and sends it once more. Returns the
    /// last response, so a second 401 reaches the caller, which knows what to tell the operator. Caller disposes.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(CallKind kind, Func<Session, Task<HttpResponseMessage>> call, CancellationToken ct)
    {
        var session = await CurrentAsync(kind, ct).ConfigureAwait(false);
        var response = await call(session).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized) return response;
        response.Dispose();
        Interlocked.CompareExchange(ref _current, null, session);
        session = await CurrentAsync(kind, ct).ConfigureAwait(false);
        return await call(session).ConfigureAwait(false);
    }

    private Session? Valid(Session? s) => s is not null && s.Expires - ExpiryMargin > time.GetUtcNow() ? s : null;
}
