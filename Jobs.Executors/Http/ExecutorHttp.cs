using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jobs.Core.Execution;
using Jobs.Executors.Configuration;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;

namespace Jobs.Executors.Http;

/// <summary>
/// One remote executor instance's HTTP facts and failure vocabulary: its name and label for messages, its options, the
/// circuit breaker's manual control and last failure (shared with <see cref="ExecutorResilience"/>), and the mapping of
/// transport failures and refusals to <see cref="ExecutorUnavailableException"/> / <see cref="ExecutorOutcomeUnknownException"/>.
/// The requests themselves are declared by the Refit interfaces in each executor folder.
/// </summary>
public sealed partial class ExecutorHttp
{
    private readonly ILogger _logger;
    private volatile string _lastFailure = "unknown error";

    public ExecutorHttp(string executorName, string apiLabel, RemoteExecutorOptions options, ILogger logger)
    {
        ExecutorName = executorName;
        ApiLabel = apiLabel;
        Options = options;
        BaseUri = WithSlash(options.BaseUrl);
        _logger = logger;
    }

    public string ExecutorName { get; }

    /// <summary>"salt-api", "StackStorm", "agent API": used in messages an operator reads.</summary>
    public string ApiLabel { get; }

    public RemoteExecutorOptions Options { get; }

    public Uri BaseUri { get; }

    /// <summary>"salt-api at https://salt:8000/".</summary>
    public string Describe => $"{ApiLabel} at {BaseUri}";

    /// <summary>Closes the breaker after a successful probe, so Test connection does not wait out the break.</summary>
    internal CircuitBreakerManualControl BreakerControl { get; } = new();

    public static Uri WithSlash(string url) => new(url.EndsWith('/') ? url : url + "/");

    /// <summary>
    /// Runs one logical call (a Refit method; the resilience handler retries inside it) and returns any HTTP response
    /// (the caller checks the status). Transport failures become <see cref="ExecutorUnavailableException"/>, or for a
    /// <see cref="CallKind.Write"/> that may have reached the server, <see cref="ExecutorOutcomeUnknownException"/>.
    /// Cancellation by <paramref name="cancellationToken"/> is rethrown as is. <paramref name="kind"/> must be the kind the
    /// request carries.
    /// </summary>
    public async Task<HttpResponseMessage> CallAsync(CallKind kind, Func<CancellationToken, Task<HttpResponseMessage>> call, string what,
        CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var response = await call(cancellationToken).ConfigureAwait(false);
            Measure(kind, started, response.IsSuccessStatusCode ? "ok" : $"http_{(int)response.StatusCode}");
            if (HttpClientResiliencePredicates.IsTransient(Outcome.FromResult(response)))
            {
                _lastFailure = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
            }
            else if (kind == CallKind.Probe)
            {
                await BreakerControl.CloseAsync(CancellationToken.None).ConfigureAwait(false);
            }
            return response;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception caught) when (Transport(caught) is { } ex)
        {
            var reason = Reason(ex);
            Measure(kind, started, ex switch
            {
                BrokenCircuitException => "circuit_open",
                TimeoutRejectedException => "timeout",
                _ when IsConnectFailure(ex) => "connect",
                _ => "transport",
            });
            if (ex is not BrokenCircuitException) _lastFailure = reason;
            LogCallFailed(_logger, ExecutorName, what, BaseUri, reason);
            if (kind == CallKind.Write && ex is not BrokenCircuitException && !IsConnectFailure(ex))
            {
                throw new ExecutorOutcomeUnknownException(ExecutorName,
                    $"outcome unknown: {what} was sent to {Describe} but got no answer ({reason}); the work may have started, so it is not sent again", ex);
            }
            throw new ExecutorUnavailableException(ExecutorName, $"{Describe} unreachable: {reason} ({what})", ex);
        }
    }

    /// <summary>One call in <c>jobs.executor.call.duration</c> (and, unless it ended <c>ok</c>, <c>jobs.executor.call.errors</c>).</summary>
    private void Measure(CallKind kind, long started, string outcome) =>
        Core.Metrics.JobsMetrics.ExecutorCall(ExecutorName, kind.ToString().ToLowerInvariant(),
            System.Diagnostics.Stopwatch.GetElapsedTime(started), outcome);

    /// <summary>The transport failure itself: Refit wraps what <c>HttpClient.SendAsync</c> throws in an <see cref="ApiRequestException"/>.</summary>
    private static Exception? Transport(Exception caught)
    {
        var ex = caught is ApiRequestException { InnerException: { } inner } ? inner : caught;
        return ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or IOException ? ex : null;
    }

    internal void CircuitOpened(Outcome<HttpResponseMessage> outcome, TimeSpan breakDuration)
    {
        _lastFailure = outcome.Exception is { } e ? Reason(e) : $"HTTP {(int)outcome.Result!.StatusCode} {outcome.Result.ReasonPhrase}";
        LogCircuitOpened(_logger, ExecutorName, BaseUri, breakDuration.TotalSeconds, _lastFailure);
    }

    /// <summary>
    /// The exception for a non-success answer, naming the status and a short piece of the body:
    /// <see cref="ExecutorUnavailableException"/>, except for a <see cref="CallKind.Write"/> answered 500, 502 or 504 — the server
    /// (or a proxy) failed after taking the request, so the work may have started: <see cref="ExecutorOutcomeUnknownException"/>.
    /// A 503 means "not serving", so nothing started and it stays unavailable.
    /// </summary>
    public async Task<Exception> RejectedAsync(HttpResponseMessage response, string what, CancellationToken ct, CallKind kind = CallKind.Read)
    {
        var body = await ResponseText.SafeBodyAsync(response, ct).ConfigureAwait(false);
        var message = $"{Describe} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase} to {what}" +
                      (body.Length > 0 ? $": {body}" : "");
        LogRejected(_logger, ExecutorName, what, (int)response.StatusCode);
        return kind == CallKind.Write && response.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout
            ? new ExecutorOutcomeUnknownException(ExecutorName, "outcome unknown: " + message + " (the work may have started, so it is not sent again)")
            // The status travels as .NET's EnsureSuccessStatusCode carries it, so a caller can tell a refusal from a transport failure.
            : new ExecutorUnavailableException(ExecutorName, message, new HttpRequestException(message, null, response.StatusCode));
    }

    /// <summary>
    /// Parses a JSON body; a body that is not JSON means the API is not what we think it is → unavailable (or, for a
    /// <see cref="CallKind.Write"/> that was accepted, outcome unknown).
    /// </summary>
    public async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response, string what, CancellationToken ct, CallKind kind = CallKind.Read)
    {
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        try
        {
            return JsonNode.Parse(text) ?? throw new JsonException("empty body");
        }
        catch (JsonException ex)
        {
            var message = $"{Describe} returned a malformed JSON body to {what}: {ResponseText.OneLine(text)}";
            if (kind == CallKind.Write) throw new ExecutorOutcomeUnknownException(ExecutorName, "outcome unknown: " + message, ex);
            throw new ExecutorUnavailableException(ExecutorName, message, ex);
        }
    }

    /// <summary>A short operator-readable reason: "connection refused", "no response within 10 s", …</summary>
    internal string Reason(Exception ex) => ex switch
    {
        TimeoutRejectedException => $"no response within {Options.TimeoutSeconds} s",
        BrokenCircuitException => $"circuit open after repeated failures (last: {_lastFailure})",
        HttpRequestException { InnerException: SocketException s } => s.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connection refused",
            SocketError.TimedOut => "connect timed out",
            SocketError.HostNotFound or SocketError.NoData => "host name not found",
            SocketError.ConnectionReset => "connection reset",
            _ => s.SocketErrorCode.ToString(),
        },
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } =>
            "TLS handshake failed (is the certificate trusted? see VerifyTls)",
        HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } => "connection closed before a response",
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => "host name not found",
        HttpRequestException h => h.Message,
        _ => ex.Message,
    };

    /// <summary>The TCP connection was never established, so the request was never sent.</summary>
    internal static bool IsConnectFailure(Exception? ex) =>
        ex is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Executor {Executor}: {What} to {BaseUri} failed: {Reason}")]
    private static partial void LogCallFailed(ILogger logger, string executor, string what, Uri baseUri, string reason);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Executor {Executor}: {What} was answered with HTTP {Status}")]
    private static partial void LogRejected(ILogger logger, string executor, string what, int status);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error,
        Message = "Executor {Executor}: circuit to {BaseUri} opened for {BreakSeconds} s after repeated failures (last: {LastFailure})")]
    private static partial void LogCircuitOpened(ILogger logger, string executor, Uri baseUri, double breakSeconds, string lastFailure);
}
