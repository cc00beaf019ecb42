using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jobs.Core.Domain;
using Jobs.Core.Execution;
using Jobs.Executors.Http;
using Microsoft.Extensions.Logging;

namespace Jobs.Executors.StackStorm;

/// <summary>
/// Runs each host as one StackStorm execution: <c>POST /api/v1/executions</c> with the action and the host's rendered
/// parameters, <c>GET /api/v1/executions/{id}</c> to poll, <c>DELETE</c> to cancel. The external reference is the execution id.
/// </summary>
/// <remarks>
/// Creating an execution is not retried once the request was sent (a timeout may hide a created execution); it is retried
/// only when the connection could not be opened. Pausing a JOBS job does not pause executions already running in StackStorm
/// (st2 can pause only workflows, and JOBS pauses between hosts, not inside them): they run on and their results are collected.
/// Only abort cancels them, and hosts past their timeout are cancelled too.
/// </remarks>
public sealed partial class StackStormExecutor : RemoteExecutorBase, IExecutor
{
    private const int Concurrency = 8;
    private static readonly Regex ActionRef = new(@"^[\w-]+\.[\w.-]+$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    private static readonly string[] Keys = ["action", "parameters"];
    private readonly StackStormApiClient _api;
    private readonly ILogger<StackStormExecutor> _logger;

    internal StackStormExecutor(StackStormApiClient api, ExecutorHttp http, TimeProvider time, ILogger<StackStormExecutor> logger) : base(http, time)
    {
        _api = api;
        _logger = logger;
        Descriptor = new ExecutorDescriptor(
            http.ExecutorName,
            "stackstorm",
            $"StackStorm at {http.BaseUri} (one execution per host)",
            "{\"action\": \"<pack>.<action>\", \"parameters\": {…}} — the parameters are the action's inputs, rendered per host " +
            "(e.g. core.remote needs \"hosts\" and \"cmd\"; core.local needs \"cmd\"). Succeeded/failed/timeout come from the execution's status; " +
            "stdout, stderr and return_code from its result; for a workflow the failing task is shown. " +
            "Note: pausing a JOBS job does not pause StackStorm executions already running — they run to the end; only abort cancels them.",
            "{\"action\": \"core.remote\", \"parameters\": {\"hosts\": \"{{host.hostname}}\", \"cmd\": \"uptime\"}}",
            IsSimulation: false,
            Endpoint: http.BaseUri.ToString());
    }

    public ExecutorDescriptor Descriptor { get; }

    public IReadOnlyList<string> ValidateParameters(JsonObject parameters)
    {
        var errors = new List<string>();
        if (parameters["action"] is not JsonValue av || !av.TryGetValue<string>(out var action) || string.IsNullOrWhiteSpace(action))
            errors.Add("parameters.action is required: the action ref, e.g. \"core.remote\"");
        else if (!ActionRef.IsMatch(action))
            errors.Add($"parameters.action must be an action ref like \"pack.action\" (got \"{action}\")");
        if (parameters["parameters"] is not null and not JsonObject)
            errors.Add("parameters.parameters must be a JSON object of the action's inputs");
        foreach (var (k, _) in parameters)
        {
            if (!Keys.Contains(k)) errors.Add($"parameters.{k} is not a StackStorm parameter (allowed: action, parameters)");
        }
        return errors;
    }

    public async Task<IReadOnlyList<DispatchOutcome>> StartAsync(IReadOnlyList<HostWork> work, CancellationToken cancellationToken)
    {
        var started = new ConcurrentDictionary<long, DispatchOutcome>();
        ExecutorUnavailableException? down = null;
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (w, ct) =>
            {
                if (down is not null) return; // the API is down: do not keep knocking
                try
                {
                    started[w.HostTaskId] = await StartOneAsync(w, ct).ConfigureAwait(false);
                }
                catch (ExecutorOutcomeUnknownException)
                {
                    started[w.HostTaskId] = AnswerLost(w); // found again by its trace tag (RecoverAsync)
                }
                catch (ExecutorUnavailableException ex)
                {
                    down ??= ex;
                }
            }).ConfigureAwait(false);

        // Throwing makes the engine put every host of this call back to pending, so only when none was (maybe) started;
        // otherwise the hosts not (surely) sent are left to recovery, which finds them not received.
        if (down is not null && !started.Values.Any(o => o.MayHaveStarted)) throw down;
        return work.Select(w => started.TryGetValue(w.HostTaskId, out var o) ? o : AnswerLost(w)).ToList();
    }

    /// <summary>
    /// Finds lost creates by their trace tag (<c>GET /api/v1/traces?trace_tag=…</c>): st2 records a trace with the tag of
    /// <c>context.trace_context</c> when it creates the execution, so no trace means the request was never taken.
    /// </summary>
    public async Task<IReadOnlyList<RecoveredDispatch>> RecoverAsync(IReadOnlyList<HostWork> work, CancellationToken cancellationToken)
    {
        var answers = new ConcurrentDictionary<long, RecoveredDispatch>();
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (w, ct) => answers[w.HostTaskId] = await FindByTraceTagAsync(w, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return work.Select(w => answers[w.HostTaskId]).ToList();
    }

    private async Task<RecoveredDispatch> FindByTraceTagAsync(HostWork w, CancellationToken ct)
    {
        var tag = TraceTag(w);
        var what = $"GET {_api.ApiPath("traces")}?trace_tag={tag}";
        using var response = await _api.SendAsync(CallKind.Read, (token, c) => _api.Api.FindTracesAsync(token, tag, c), what, ct)
            .ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw await Http.RejectedAsync(response, what, ct).ConfigureAwait(false);
        var traces = await Http.ReadJsonAsync(response, what, ct).ConfigureAwait(false) as JsonArray
                     ?? throw new ExecutorUnavailableException(Name, $"{Http.Describe} answered {what} with something other than a list");
        var id = traces.SelectMany(t => t?["action_executions"] as JsonArray ?? [])
            .Select(e => e?["object_id"]?.ToString()).FirstOrDefault(s => !string.IsNullOrEmpty(s));
        LogRecovered(_logger, Name, w.Hostname, tag, id ?? "(none: never received)");
        return id is null ? RecoveredDispatch.NotReceived(w.HostTaskId) : RecoveredDispatch.Found(DispatchOutcome.Started(w.HostTaskId, id));
    }

    /// <summary>Unique per host task and attempt, so a look-up finds exactly the create JOBS sent for this attempt.</summary>
    internal static string TraceTag(HostWork w) => $"jobs-{w.JobId}-{w.HostTaskId}-{w.Attempt}";

    /// <summary>The body of <c>POST /api/v1/executions</c> (schema <c>ExecutionRequest</c>).</summary>
    internal static JsonObject RequestBody(HostWork w) => new()
    {
        ["action"] = w.Parameters["action"]!.GetValue<string>(),
        ["parameters"] = w.Parameters["parameters"]?.DeepClone() ?? new JsonObject(),
        ["context"] = new JsonObject
        {
            ["jobs"] = new JsonObject { ["jobId"] = w.JobId, ["hostTaskId"] = w.HostTaskId, ["host"] = w.Hostname, ["attempt"] = w.Attempt },
            // st2 files the execution under a trace with this tag (st2common trace service), which RecoverAsync looks up.
            ["trace_context"] = new JsonObject { ["trace_tag"] = TraceTag(w) },
        },
    };

    private async Task<DispatchOutcome> StartOneAsync(HostWork w, CancellationToken ct)
    {
        var body = RequestBody(w);
        var what = $"POST {_api.ApiPath("executions")} ({body["action"]}) for {w.Hostname}";
        using var response = await _api.SendAsync(CallKind.Write, (token, c) => _api.Api.CreateExecutionAsync(token, body, c), what, ct)
            .ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            // Unknown action, parameters that fail the action's schema, RBAC: the job's definition is wrong for this host.
            var fault = await FaultAsync(response, ct).ConfigureAwait(false);
            return DispatchOutcome.NotStarted(w.HostTaskId, Finished(w.HostTaskId, HostStatus.Failed, null, null,
                $"StackStorm refused the execution (HTTP {(int)response.StatusCode}): {fault}", ErrorCategory.System));
        }
        if (!response.IsSuccessStatusCode) throw await Http.RejectedAsync(response, what, ct, CallKind.Write).ConfigureAwait(false);
        var json = await Http.ReadJsonAsync(response, what, ct, CallKind.Write).ConfigureAwait(false);
        var id = json["id"]?.GetValue<string>();
        if (string.IsNullOrEmpty(id)) throw new ExecutorOutcomeUnknownException(Name, $"outcome unknown: {Http.Describe} answered {what} without an execution id");
        LogStarted(_logger, Name, id, w.Hostname);
        return DispatchOutcome.Started(w.HostTaskId, id);
    }

    public async Task<IReadOnlyList<HostResult>> PollAsync(IReadOnlyList<InFlightHost> hosts, CancellationToken cancellationToken)
    {
        var results = new ConcurrentDictionary<long, HostResult>();
        var timedOut = new ConcurrentBag<InFlightHost>();
        await Parallel.ForEachAsync(hosts, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (h, ct) =>
            {
                var r = await PollOneAsync(h, ct).ConfigureAwait(false);
                if (!r.IsFinished && IsPastDeadline(h))
                {
                    r = Finished(h.HostTaskId, HostStatus.TimedOut, null, null,
                        $"StackStorm execution {h.ExternalRef} had not finished after the host timeout of {Seconds(h.Timeout)}; cancelled", ErrorCategory.Environment);
                    timedOut.Add(h);
                }
                results[h.HostTaskId] = r;
            }).ConfigureAwait(false);
        if (!timedOut.IsEmpty) await CancelAsync(timedOut.ToList(), cancellationToken).ConfigureAwait(false);
        return hosts.Select(h => results[h.HostTaskId]).ToList();
    }

    private async Task<HostResult> PollOneAsync(InFlightHost h, CancellationToken ct)
    {
        var what = $"GET {_api.ApiPath("executions/" + h.ExternalRef)}";
        using var response = await _api.SendAsync(CallKind.Read, (token, c) => _api.Api.GetExecutionAsync(token, h.ExternalRef, c), what, ct)
            .ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            var fault = await FaultAsync(response, ct).ConfigureAwait(false);
            return Finished(h.HostTaskId, HostStatus.Failed, null, null,
                $"StackStorm has no execution {h.ExternalRef} ({fault}); the host's outcome is unknown", ErrorCategory.System);
        }
        if (!response.IsSuccessStatusCode) throw await Http.RejectedAsync(response, what, ct).ConfigureAwait(false);
        var json = await Http.ReadJsonAsync(response, what, ct).ConfigureAwait(false);
        var status = json["status"]?.GetValue<string>();
        if (StackStormStatus.Map(status) is not { } mapped) return HostResult.StillRunning(h.HostTaskId);

        var output = StackStormStatus.ReadResult(json["result"], h.Hostname, status);
        var stderr = output.Stderr;
        if (status == "abandoned") stderr = Join(stderr, "StackStorm abandoned the execution (its action runner stopped)");
        if (status == "canceled") stderr = Join(stderr, "the StackStorm execution was canceled");
        var exit = output.ExitCode ?? (status == "succeeded" ? 0 : null);
        return Finished(h.HostTaskId, mapped.Status, exit, output.Stdout, stderr, mapped.Category, Timestamp(json["end_timestamp"]));
    }

    public async Task CancelAsync(IReadOnlyList<InFlightHost> hosts, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(hosts, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (h, ct) =>
            {
                try
                {
                    // DELETE is idempotent (an already canceled execution answers 200 unchanged), so it is retried like a read.
                    using var response = await _api.SendAsync(CallKind.Read,
                        (token, c) => _api.Api.CancelExecutionAsync(token, h.ExternalRef, c),
                        $"DELETE {_api.ApiPath("executions/" + h.ExternalRef)}", ct).ConfigureAwait(false);
                    // A finished execution answers 200 with {"faultstring": "Action cannot be canceled. State = …"}.
                    var json = response.IsSuccessStatusCode ? await Http.ReadJsonAsync(response, "DELETE", ct).ConfigureAwait(false) : null;
                    if (json?["faultstring"] is { } fault) LogCancelRefused(_logger, Name, h.ExternalRef, fault.ToString());
                    else if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NotFound)
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
            var token = await _api.SessionAsync(CallKind.Probe, cancellationToken).ConfigureAwait(false);
            var what = $"GET {_api.ApiPath("executions?limit=1")}";
            using var response = await _api.SendAsync(CallKind.Probe,
                (t, c) => _api.Api.ListOneExecutionAsync(t, CallKind.Probe, c), what, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) throw await Http.RejectedAsync(response, what, cancellationToken).ConfigureAwait(false);
            await Http.ReadJsonAsync(response, what, cancellationToken).ConfigureAwait(false);
            var total = response.Headers.TryGetValues("X-Total-Count", out var v) ? v.FirstOrDefault() : null;
            var auth = token is null ? "with the API key" : $"as {Http.Options.Username} (token valid until {token.Expires.UtcDateTime:yyyy-MM-dd HH:mm} UTC)";
            return new ConnectionTestResult(true,
                $"Authenticated {auth}; listing executions works{(total is null ? "" : $" ({total} executions on record)")}.", sw.Elapsed);
        }
        catch (ExecutorUnavailableException ex)
        {
            return new ConnectionTestResult(false, ex.Message, sw.Elapsed);
        }
    }

    private async Task<string> FaultAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await ResponseText.SafeBodyAsync(response, ct).ConfigureAwait(false);
        try
        {
            return JsonNode.Parse(text)?["faultstring"]?.ToString() ?? text;
        }
        catch (System.Text.Json.JsonException)
        {
            return text;
        }
    }

    private static string Join(string? a, string b) => string.IsNullOrEmpty(a) ? b : a + "\n" + b;

    private static DateTime? Timestamp(JsonNode? n) =>
        n?.ToString() is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.UtcDateTime
            : null;

    [LoggerMessage(EventId = 5201, Level = LogLevel.Information, Message = "Executor {Executor}: execution {ExecutionId} started for {Host}")]
    private static partial void LogStarted(ILogger logger, string executor, string executionId, string host);

    [LoggerMessage(EventId = 5204, Level = LogLevel.Information, Message = "Executor {Executor}: lost create for {Host} (trace tag {TraceTag}) looked up: execution {ExecutionId}")]
    private static partial void LogRecovered(ILogger logger, string executor, string host, string traceTag, string executionId);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Information, Message = "Executor {Executor}: execution {ExecutionId} not canceled: {Fault}")]
    private static partial void LogCancelRefused(ILogger logger, string executor, string executionId, string fault);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Warning, Message = "Executor {Executor}: cancel of execution {ExecutionId} failed: {Reason}")]
    private static partial void LogCancelFailed(ILogger logger, string executor, string executionId, string reason);
}
