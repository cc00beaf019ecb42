using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jobs.Core.Execution;
using Jobs.Executors.Configuration;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Jobs.Executors.Http;

/// <summary>What a call may safely do when it fails; decides its retry policy.</summary>
public enum CallKind
{
    /// <summary>No side effect (GET, login, cancel): retried on any transient failure (connect errors, timeouts, 5xx, 408, 429).</summary>
    Read = 0,
    /// <summary>
    /// Starts work (Salt <c>local_async</c>, StackStorm <c>POST /executions</c>, agent <c>POST /tasks</c> without an idempotency key):
    /// retried only when the connection could not be opened, because then no byte reached the server and nothing can
    /// have started. A timeout or 5xx after the request was sent is not retried: the work may be running.
    /// </summary>
    Write = 1,
    /// <summary>The Settings page's Test connection: one attempt, no circuit breaker, so it can show the API is back.</summary>
    Probe = 2,
}

/// <summary>
/// The HTTP side of one remote executor instance: a named client from <see cref="IHttpClientFactory"/> wrapped in Polly.Core
/// pipelines, plus the mapping of transport failures to <see cref="ExecutorUnavailableException"/>.
/// </summary>
/// <remarks>
/// Pipelines, outermost first: Read = retry (2 retries, exponential 200 ms backoff with jitter) → circuit breaker → per-attempt
/// timeout; Write = retry on connect failure only → circuit breaker → timeout; Probe = timeout only. The breaker is one
/// instance per executor endpoint and is shared by Read and Write: it opens when at least half of at least 10 attempts in 30 s
/// failed, and then fails calls fast for <see cref="RemoteExecutorOptions.BreakSeconds"/>. A successful Probe closes it
/// at once, so the Test connection button (and the engine's "is it back?" check) does not wait out the break.
/// </remarks>
public sealed partial class ExecutorHttp
{
    private readonly IHttpClientFactory _factory;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline<HttpResponseMessage> _read;
    private readonly ResiliencePipeline<HttpResponseMessage> _write;
    private readonly ResiliencePipeline<HttpResponseMessage> _probe;
    private readonly CircuitBreakerManualControl _breakerControl = new();
    private volatile string _lastFailure = "unknown error";

    /// <remarks>Polly runs on the system clock on purpose: timeouts and backoff are about real network time, while host
    /// deadlines and token expiry use the injected <see cref="TimeProvider"/> of the executors.</remarks>
    public ExecutorHttp(string executorName, string apiLabel, RemoteExecutorOptions options, IHttpClientFactory factory, ILogger logger)
    {
        ExecutorName = executorName;
        ApiLabel = apiLabel;
        Options = options;
        BaseUri = new Uri(options.BaseUrl.EndsWith('/') ? options.BaseUrl : options.BaseUrl + "/");
        _factory = factory;
        _logger = logger;

        var timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        var breaker = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = TimeProvider.System }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = 0.5,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(options.BreakSeconds),
                ManualControl = _breakerControl,
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                OnOpened = args =>
                {
                    _lastFailure = args.Outcome.Exception is { } e ? Reason(e) : $"HTTP {(int)args.Outcome.Result!.StatusCode} {args.Outcome.Result.ReasonPhrase}";
                    LogCircuitOpened(_logger, ExecutorName, BaseUri, args.BreakDuration.TotalSeconds, _lastFailure);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

        _read = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = TimeProvider.System }
            .AddRetry(Retry(args => IsTransient(args.Outcome) && args.Outcome.Exception is not BrokenCircuitException))
            .AddPipeline(breaker)
            .AddTimeout(timeout)
            .Build();
        _write = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = TimeProvider.System }
            .AddRetry(Retry(args => IsConnectFailure(args.Outcome.Exception)))
            .AddPipeline(breaker)
            .AddTimeout(timeout)
            .Build();
        _probe = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = TimeProvider.System }
            .AddTimeout(timeout)
            .Build();
    }

    public string ExecutorName { get; }

    /// <summary>"salt-api", "StackStorm", "agent API": used in messages an operator reads.</summary>
    public string ApiLabel { get; }

    public RemoteExecutorOptions Options { get; }

    public Uri BaseUri { get; }

    /// <summary>"salt-api at https://salt:8000/".</summary>
    public string Describe => $"{ApiLabel} at {BaseUri}";

    public HttpClient CreateClient() => _factory.CreateClient(RemoteExecutorRegistration.ClientName(ExecutorName));

    /// <summary>
    /// Sends one logical call through the pipeline of <paramref name="kind"/>; <paramref name="request"/> builds a fresh message per
    /// attempt. Returns any HTTP response (the caller checks the status); transport failures become
    /// <see cref="ExecutorUnavailableException"/>. Cancellation by <paramref name="cancellationToken"/> is rethrown as is.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(CallKind kind, Func<HttpRequestMessage> request, string what,
        CancellationToken cancellationToken)
    {
        var pipeline = kind switch { CallKind.Read => _read, CallKind.Write => _write, _ => _probe };
        var client = CreateClient();
        try
        {
            var response = await pipeline.ExecuteAsync(
                async ct =>
                {
                    using var message = request();
                    return await client.SendAsync(message, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
            if (IsTransient(Outcome.FromResult(response)))
            {
                _lastFailure = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
            }
            else if (kind == CallKind.Probe)
            {
                await _breakerControl.CloseAsync(CancellationToken.None).ConfigureAwait(false);
            }
            return response;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or IOException)
        {
            var reason = Reason(ex);
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

    /// <summary>
    /// The exception for a non-success answer, naming the status and a short piece of the body:
    /// <see cref="ExecutorUnavailableException"/>, except for a <see cref="CallKind.Write"/> answered 500, 502 or 504 — the server
    /// (or a proxy) failed after taking the request, so the work may have started: <see cref="ExecutorOutcomeUnknownException"/>.
    /// A 503 means "not serving", so nothing started and it stays unavailable.
    /// </summary>
    public async Task<Exception> RejectedAsync(HttpResponseMessage response, string what, CancellationToken ct, CallKind kind = CallKind.Read)
    {
        var body = await SafeBodyAsync(response, ct).ConfigureAwait(false);
        var message = $"{Describe} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase} to {what}" +
                      (body.Length > 0 ? $": {body}" : "");
        LogRejected(_logger, ExecutorName, what, (int)response.StatusCode);
        return kind == CallKind.Write && response.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout
            ? new ExecutorOutcomeUnknownException(ExecutorName, "outcome unknown: " + message + " (the work may have started, so it is not sent again)")
            : new ExecutorUnavailableException(ExecutorName, message);
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
            var message = $"{Describe} returned a malformed JSON body to {what}: {Snippet(text)}";
            if (kind == CallKind.Write) throw new ExecutorOutcomeUnknownException(ExecutorName, "outcome unknown: " + message, ex);
            throw new ExecutorUnavailableException(ExecutorName, message, ex);
        }
    }

    public static StringContent Json(JsonNode body) =>
        new(body.ToJsonString(), Encoding.UTF8, "application/json");

    internal static async Task<string> SafeBodyAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return Snippet(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return "";
        }
    }

    internal static string Snippet(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= 300 ? oneLine : oneLine[..300] + "…";
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

    private static RetryStrategyOptions<HttpResponseMessage> Retry(Func<RetryPredicateArguments<HttpResponseMessage>, bool> when) => new()
    {
        MaxRetryAttempts = 2,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = TimeSpan.FromMilliseconds(200),
        ShouldHandle = args => ValueTask.FromResult(when(args)),
    };

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException or IOException } => true,
        { Exception: BrokenCircuitException } => true,
        { Result: { } r } => (int)r.StatusCode >= 500 || r.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests,
        _ => false,
    };

    /// <summary>The TCP connection was never established, so the request was never sent.</summary>
    private static bool IsConnectFailure(Exception? ex) =>
        ex is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Executor {Executor}: {What} to {BaseUri} failed: {Reason}")]
    private static partial void LogCallFailed(ILogger logger, string executor, string what, Uri baseUri, string reason);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Executor {Executor}: {What} was answered with HTTP {Status}")]
    private static partial void LogRejected(ILogger logger, string executor, string what, int status);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error,
        Message = "Executor {Executor}: circuit to {BaseUri} opened for {BreakSeconds} s after repeated failures (last: {LastFailure})")]
    private static partial void LogCircuitOpened(ILogger logger, string executor, Uri baseUri, double breakSeconds, string lastFailure);
}
