using Jobs.Executors.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Jobs.Executors.Http;

/// <summary>
/// The resilience handler of every executor client (Microsoft.Extensions.Http.Resilience), one per executor instance:
/// retry → circuit breaker → per-attempt timeout for calls, timeout only for probes. See docs/decisions/0005.
/// </summary>
/// <remarks>
/// What the library's HTTP strategy options say by themselves: which outcomes are transient (connect errors, timeouts,
/// 5xx, 408, 429), jittered exponential backoff, the breaker's sampling, the per-attempt timeout. What only JOBS can say,
/// and so is written here: a <see cref="CallKind.Write"/> is retried only when no connection was made; a
/// <see cref="CallKind.Probe"/> takes its own pipeline instance without retry or breaker (chosen per request with
/// <c>SelectPipelineBy</c>), so Test connection reaches an API whose circuit is open; the breaker's manual control and its
/// "last failure" live in <see cref="ExecutorHttp"/> so a successful probe closes it and messages can name the cause.
/// Polly runs on the system clock on purpose: timeouts and backoff are real network time, while host deadlines and
/// token expiry use the injected <see cref="TimeProvider"/> of the executors.
/// </remarks>
internal static class ExecutorResilience
{
    private const string CallsPipeline = "calls";
    private const string ProbePipeline = "probe";

    public static IHttpClientBuilder AddExecutorResilience(this IHttpClientBuilder client, string instance)
    {
        client.AddResilienceHandler("executor", (pipeline, context) =>
            {
                var http = context.ServiceProvider.GetRequiredKeyedService<ExecutorHttp>(instance);
                var options = context.ServiceProvider.GetRequiredService<IOptions<RemoteExecutorsOptions>>().Value.Instances[instance];
                pipeline.TimeProvider = TimeProvider.System;
                if (context.InstanceName != ProbePipeline)
                {
                    pipeline.AddRetry(Retry()).AddCircuitBreaker(Breaker(http, options));
                }
                pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds) });
            })
            .SelectPipelineBy(_ => request => CallKinds.Of(request) == CallKind.Probe ? ProbePipeline : CallsPipeline);
        return client;
    }

    private static HttpRetryStrategyOptions Retry() => new()
    {
        MaxRetryAttempts = 2,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = TimeSpan.FromMilliseconds(200),
        // A Retry-After of minutes would hold a poll (and the engine's tick) that long; the breaker handles a long outage.
        ShouldRetryAfterHeader = false,
        ShouldHandle = args => ValueTask.FromResult(CallKinds.Of(args.Context.GetRequestMessage()) == CallKind.Write
            ? ExecutorHttp.IsConnectFailure(args.Outcome.Exception)
            : HttpClientResiliencePredicates.IsTransient(args.Outcome)),
    };

    /// <summary>Per endpoint, shared by reads and writes: opens when half of at least 10 calls in 30 s failed.</summary>
    private static HttpCircuitBreakerStrategyOptions Breaker(ExecutorHttp http, RemoteExecutorOptions options) => new()
    {
        FailureRatio = 0.5,
        MinimumThroughput = 10,
        SamplingDuration = TimeSpan.FromSeconds(30),
        BreakDuration = TimeSpan.FromSeconds(options.BreakSeconds),
        ManualControl = http.BreakerControl,
        OnOpened = args =>
        {
            http.CircuitOpened(args.Outcome, args.BreakDuration);
            return ValueTask.CompletedTask;
        },
    };
}
