namespace Jobs.Executors.Http;

/// <summary>What a call may safely do when it fails; decides its retry policy.</summary>
public enum CallKind
{
    /// <summary>No side effect (GET, login, cancel): retried on any transient failure (connect errors, timeouts, 5xx, 408, 429).</summary>
    Read = 0,
    /// <summary>
    /// Starts work (Salt <c>local_async</c>, StackStorm <c>POST /executions</c>): retried only when the connection could not
    /// be opened, because then no byte reached the server and nothing can have started. A timeout or 5xx after the request
    /// was sent is not retried: the work may be running.
    /// </summary>
    Write = 1,
    /// <summary>Test connection and the engine's "is it back?" check: one attempt, no circuit breaker, so it can show the API is back.</summary>
    Probe = 2,
}

/// <summary>How a request carries its <see cref="CallKind"/> to the resilience handler.</summary>
/// <remarks>
/// Refit interfaces declare it with <c>[Property(CallKinds.Key)] CallKind kind</c> where the HTTP method alone does not tell
/// (a login is a POST that starts nothing; <c>POST /</c> to salt-api may publish a job or only probe). Without it, the
/// method decides: GET, HEAD, OPTIONS and DELETE are idempotent (RFC 9110 §9.2.2) and count as <see cref="CallKind.Read"/>;
/// anything else as <see cref="CallKind.Write"/>, so a forgotten annotation errs towards not sending work twice.
/// </remarks>
public static class CallKinds
{
    public const string Key = "jobs.call-kind";

    private static readonly HttpRequestOptionsKey<CallKind> Option = new(Key);

    public static CallKind Of(HttpRequestMessage? request)
    {
        if (request is null) return CallKind.Write;
        if (request.Options.TryGetValue(Option, out var kind)) return kind;
        return request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Options ||
               request.Method == HttpMethod.Delete
            ? CallKind.Read
            : CallKind.Write;
    }
}
