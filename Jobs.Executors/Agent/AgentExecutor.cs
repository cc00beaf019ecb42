using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Jobs.Core.Domain;
using Jobs.Core.Execution;
using Jobs.Executors.Http;
using Microsoft.Extensions.Logging;

namespace Jobs.Executors.Agent;

/// <summary>
/// Runs each host's command through a per-host agent channel (contract: <c>docs/agent-api.yaml</c>): <c>POST /api/v1/tasks</c>,
/// <c>GET /api/v1/tasks/{taskId}</c>, <c>DELETE /api/v1/tasks/{taskId}</c>, bearer token. The external reference is the task id.
/// </summary>
/// <remarks>
/// <para>Every create carries <c>Idempotency-Key: jobs-{jobId}-{hostTaskId}-{attempt}</c>; the contract requires the channel to
/// answer a repeated key with the task it already created. That makes the create safe to retry like a read (timeouts,
/// 5xx), which salt-api and StackStorm do not allow.</para>
/// <para>Error codes: <c>424 agent_unreachable</c> (the host's agent is not connected) fails that host at once, category
/// Environment; <c>409 host_busy</c> (another task holds the host) also fails it at once, Environment, with the running task
/// named — the engine has no "try this host later" outcome, and quietly retrying could stack our change on top of
/// someone else's; the operator sees it and uses Retry failed. A command that ran and exited non-zero is a finished task
/// with <c>status: failed</c> (error code <c>command_failed</c>). Anything else non-2xx means the channel itself is in
/// trouble → <see cref="ExecutorUnavailableException"/>.</para>
/// </remarks>
public sealed partial class AgentExecutor : RemoteExecutorBase, IExecutor
{
    private const int Concurrency = 8;
    private static readonly string[] Keys = ["command", "env"];
    private readonly IAgentApi _api;
    private readonly ILogger<AgentExecutor> _logger;

    public AgentExecutor(IAgentApi api, ExecutorHttp http, TimeProvider time, ILogger<AgentExecutor> logger) : base(http, time)
    {
        _api = api;
        _logger = logger;
        Descriptor = new ExecutorDescriptor(
            http.ExecutorName,
            "agent",
            $"Host agent channel at {http.BaseUri} (one task per host)",
            "{\"command\": \"…\", \"env\": {\"NAME\": \"value\"}} — the command runs on the host through its agent, with the job's host timeout. " +
            "Exit code 0 succeeds. A host whose agent is not connected, or that is busy with another task, fails at once (use Retry failed later).",
            "{\"command\": \"systemctl restart order-api\", \"env\": {\"RELEASE\": \"1.2.3\"}}",
            IsSimulation: false,
            Endpoint: http.BaseUri.ToString());
    }

    public ExecutorDescriptor Descriptor { get; }

    public IReadOnlyList<string> ValidateParameters(JsonObject parameters)
    {
        var errors = new List<string>();
        if (parameters["command"] is not JsonValue cv || !cv.TryGetValue<string>(out var c) || string.IsNullOrWhiteSpace(c))
            errors.Add("parameters.command is required: the shell command to run on the host");
        if (parameters["env"] is { } env)
        {
            if (env is not JsonObject eo) errors.Add("parameters.env must be an object of NAME: \"value\" strings");
            else
            {
                foreach (var (k, v) in eo)
                {
                    if (v is not JsonValue ev || !ev.TryGetValue<string>(out _)) errors.Add($"parameters.env.{k} must be a string");
                }
            }
        }
        foreach (var (k, _) in parameters)
        {
            if (!Keys.Contains(k)) errors.Add($"parameters.{k} is not an agent parameter (allowed: command, env)");
        }
        return errors;
    }

    public async Task<IReadOnlyList<DispatchOutcome>> StartAsync(IReadOnlyList<HostWork> work, CancellationToken cancellationToken)
    {
        var done = new System.Collections.Concurrent.ConcurrentDictionary<long, DispatchOutcome>();
        ExecutorUnavailableException? down = null;
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (w, ct) =>
            {
                if (down is not null) return;
                try
                {
                    done[w.HostTaskId] = await StartOneAsync(w, ct).ConfigureAwait(false);
                }
                catch (ExecutorUnavailableException ex)
                {
                    down ??= ex;
                }
            }).ConfigureAwait(false);
        // Throwing makes the engine put every host of this call back to pending, so only when none was started; otherwise
        // the rest are left to recovery, which replays their creates. (Creates carry an idempotency key, so a create
        // whose answer was lost is found again, not duplicated.)
        if (down is not null && !done.Values.Any(o => o.MayHaveStarted)) throw down;
        return work.Select(w => done.TryGetValue(w.HostTaskId, out var o) ? o : AnswerLost(w)).ToList();
    }

    /// <summary>
    /// Replays the create with the same <c>Idempotency-Key</c>: the channel answers the task the first request created
    /// (200), or creates it now if the first never arrived (201) — either way the host runs once.
    /// </summary>
    public async Task<IReadOnlyList<RecoveredDispatch>> RecoverAsync(IReadOnlyList<HostWork> work, CancellationToken cancellationToken)
    {
        var found = new System.Collections.Concurrent.ConcurrentDictionary<long, RecoveredDispatch>();
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (w, ct) => found[w.HostTaskId] = RecoveredDispatch.Found(await StartOneAsync(w, ct).ConfigureAwait(false))).ConfigureAwait(false);
        return work.Select(w => found[w.HostTaskId]).ToList();
    }

    /// <summary>The body of <c>POST /api/v1/tasks</c>.</summary>
    internal static JsonObject RequestBody(HostWork w) => new()
    {
        ["host"] = w.Hostname,
        ["command"] = w.Parameters["command"]!.GetValue<string>(),
        ["timeoutSeconds"] = Math.Max(1, (int)Math.Ceiling(w.Timeout.TotalSeconds)),
        ["env"] = w.Parameters["env"]?.DeepClone() ?? new JsonObject(),
    };

    private async Task<DispatchOutcome> StartOneAsync(HostWork w, CancellationToken ct)
    {
        var body = RequestBody(w);
        var key = IdempotencyKey(w);
        var what = $"POST /api/v1/tasks for {w.Hostname}";
        using var response = await SendAsync(CallKind.Read, c => _api.CreateTaskAsync(body, key, CallKind.Read, c), what, ct).ConfigureAwait(false);

        if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
        {
            var json = await Http.ReadJsonAsync(response, what, ct).ConfigureAwait(false);
            var id = json["taskId"]?.ToString();
            if (string.IsNullOrEmpty(id)) throw new ExecutorUnavailableException(Name, $"{Http.Describe} answered {what} without a taskId");
            LogStarted(_logger, Name, id, w.Hostname);
            return DispatchOutcome.Started(w.HostTaskId, id);
        }
        var error = await ErrorAsync(response, ct).ConfigureAwait(false);
        return (response.StatusCode, error.Code) switch
        {
            (HttpStatusCode.FailedDependency, _) or (_, "agent_unreachable") => NotStarted(w,
                $"agent unreachable: {error.Message}", ErrorCategory.Environment),
            (HttpStatusCode.Conflict, _) or (_, "host_busy") => NotStarted(w,
                $"host busy: {error.Message}{(error.RunningTaskId is { } r ? $" (running task {r})" : "")}; not started — use Retry failed once it is free",
                ErrorCategory.Environment),
            (HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, _) => NotStarted(w,
                $"the agent API refused the task ({error.Code}): {error.Message}", ErrorCategory.System),
            _ => throw await Http.RejectedAsync(response, what, ct).ConfigureAwait(false),
        };
    }

    /// <summary>Per host task and attempt (docs/agent-api.yaml): a replay of this attempt returns its task.</summary>
    internal static string IdempotencyKey(HostWork w) => $"jobs-{w.JobId}-{w.HostTaskId}-{w.Attempt}";

    private DispatchOutcome NotStarted(HostWork w, string message, ErrorCategory category) =>
        DispatchOutcome.NotStarted(w.HostTaskId, Finished(w.HostTaskId, HostStatus.Failed, null, null, message, category));

    public async Task<IReadOnlyList<HostResult>> PollAsync(IReadOnlyList<InFlightHost> hosts, CancellationToken cancellationToken)
    {
        var results = new System.Collections.Concurrent.ConcurrentDictionary<long, HostResult>();
        var timedOut = new System.Collections.Concurrent.ConcurrentBag<InFlightHost>();
        await Parallel.ForEachAsync(hosts, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (h, ct) =>
            {
                var r = await PollOneAsync(h, ct).ConfigureAwait(false);
                // The agent enforces timeoutSeconds itself; this is the backstop for an agent that never reports back.
                if (!r.IsFinished && UtcNow - DateTime.SpecifyKind(h.StartedAt, DateTimeKind.Utc) > h.Timeout + TimeSpan.FromSeconds(30))
                {
                    r = Finished(h.HostTaskId, HostStatus.TimedOut, null, null,
                        $"agent task {h.ExternalRef} did not finish within the host timeout of {Seconds(h.Timeout)}; cancelled", ErrorCategory.Environment);
                    timedOut.Add(h);
                }
                results[h.HostTaskId] = r;
            }).ConfigureAwait(false);
        if (!timedOut.IsEmpty) await CancelAsync(timedOut.ToList(), cancellationToken).ConfigureAwait(false);
        return hosts.Select(h => results[h.HostTaskId]).ToList();
    }

    private async Task<HostResult> PollOneAsync(InFlightHost h, CancellationToken ct)
    {
        var what = $"GET /api/v1/tasks/{h.ExternalRef}";
        using var response = await SendAsync(CallKind.Read, c => _api.GetTaskAsync(h.ExternalRef, c), what, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return Finished(h.HostTaskId, HostStatus.Failed, null, null,
                $"the agent API has no task {h.ExternalRef}; the host's outcome is unknown", ErrorCategory.System);
        if (!response.IsSuccessStatusCode) throw await Http.RejectedAsync(response, what, ct).ConfigureAwait(false);
        var t = await Http.ReadJsonAsync(response, what, ct).ConfigureAwait(false);
        var status = t["status"]?.ToString();
        int? exit = t["exitCode"] is JsonValue ev && ev.TryGetValue<int>(out var e) ? e : null;
        var stdout = t["stdout"]?.ToString();
        var stderr = t["stderr"]?.ToString();
        var errorCode = t["error"]?["code"]?.ToString();
        var errorMessage = t["error"]?["message"]?.ToString();
        var finishedAt = Timestamp(t["finishedAt"]);
        return status switch
        {
            "queued" or "running" => HostResult.StillRunning(h.HostTaskId),
            "succeeded" => Finished(h.HostTaskId, HostStatus.Succeeded, exit ?? 0, stdout, stderr, null, finishedAt),
            "failed" => Finished(h.HostTaskId, HostStatus.Failed, exit, stdout,
                errorCode is null or "command_failed" ? stderr : Join(stderr, $"{errorCode}: {errorMessage}"), ErrorCategory.Environment, finishedAt),
            "timeout" => Finished(h.HostTaskId, HostStatus.TimedOut, exit, stdout,
                Join(stderr, errorMessage ?? "the agent killed the command at its timeout"), ErrorCategory.Environment, finishedAt),
            "canceled" => Finished(h.HostTaskId, HostStatus.Canceled, exit, stdout, stderr, null, finishedAt),
            _ => throw new ExecutorUnavailableException(Name, $"{Http.Describe} answered {what} with an unknown status \"{status}\""),
        };
    }

    public async Task CancelAsync(IReadOnlyList<InFlightHost> hosts, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(hosts, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (h, ct) =>
            {
                try
                {
                    using var response = await SendAsync(CallKind.Read, c => _api.CancelTaskAsync(h.ExternalRef, c),
                        $"DELETE /api/v1/tasks/{h.ExternalRef}", ct).ConfigureAwait(false);
                    if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NotFound)
                        LogCancelFailed(_logger, Name, h.ExternalRef, $"HTTP {(int)response.StatusCode}");
                }
                catch (ExecutorUnavailableException ex)
                {
                    LogCancelFailed(_logger, Name, h.ExternalRef, ex.Message);
                }
            }).ConfigureAwait(false);
    }

    public async Task<ConnectionTestResult> TestConnectionAsync(CancellationToken cancellationToken)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            using var response = await SendAsync(CallKind.Probe, c => _api.HealthAsync(CallKind.Probe, c),
                "GET /api/v1/health", cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
                return new ConnectionTestResult(false, $"{Http.Describe} refused the bearer token (HTTP 401): check Token", sw.Elapsed);
            if (!response.IsSuccessStatusCode) throw await Http.RejectedAsync(response, "GET /api/v1/health", cancellationToken).ConfigureAwait(false);
            var json = await Http.ReadJsonAsync(response, "GET /api/v1/health", cancellationToken).ConfigureAwait(false);
            var agents = json["agentsConnected"]?.ToString();
            var version = json["version"]?.ToString();
            return new ConnectionTestResult(true,
                $"Token accepted; channel {json["status"]}{(version is null ? "" : $", version {version}")}{(agents is null ? "" : $", {agents} agents connected")}.",
                sw.Elapsed);
        }
        catch (ExecutorUnavailableException ex)
        {
            return new ConnectionTestResult(false, ex.Message, sw.Elapsed);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(CallKind kind, Func<CancellationToken, Task<HttpResponseMessage>> send, string what,
        CancellationToken ct)
    {
        var response = await Http.CallAsync(kind, send, what, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Unauthorized && kind != CallKind.Probe)
        {
            response.Dispose();
            throw new ExecutorUnavailableException(Name, $"{Http.Describe} refused the bearer token (HTTP 401) for {what}: check Token");
        }
        return response;
    }

    private sealed record AgentError(string Code, string Message, string? RunningTaskId);

    private static async Task<AgentError> ErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await ResponseText.SafeBodyAsync(response, ct).ConfigureAwait(false);
        try
        {
            var j = JsonNode.Parse(text);
            return new AgentError(j?["code"]?.ToString() ?? "", j?["message"]?.ToString() ?? text, j?["runningTaskId"]?.ToString());
        }
        catch (System.Text.Json.JsonException)
        {
            return new AgentError("", text, null);
        }
    }

    private static string Join(string? a, string b) => string.IsNullOrEmpty(a) ? b : a + "\n" + b;

    private static DateTime? Timestamp(JsonNode? n) =>
        n?.ToString() is { Length: > 0 } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.UtcDateTime
            : null;

    [LoggerMessage(EventId = 5301, Level = LogLevel.Information, Message = "Executor {Executor}: agent task {TaskId} started for {Host}")]
    private static partial void LogStarted(ILogger logger, string executor, string taskId, string host);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Warning, Message = "Executor {Executor}: cancel of agent task {TaskId} failed: {Reason}")]
    private static partial void LogCancelFailed(ILogger logger, string executor, string taskId, string reason);
}
