using System.Diagnostics;
using System.Text.Json.Nodes;
using Jobs.Core.Domain;
using Jobs.Core.Execution;
using Jobs.Executors.Http;
using Microsoft.Extensions.Logging;

namespace Jobs.Executors.Salt;

/// <summary>
/// Runs hosts through salt-api (rest_cherrypy): <c>local_async</c> dispatch, <c>/jobs/{jid}</c> polling, best-effort
/// <c>saltutil.kill_job</c> on abort. The minion id is the host's CMDB hostname.
/// </summary>
/// <remarks>
/// <para><b>One call per chunk, not per host</b> (docs/decisions/0004-salt-chunked-dispatch.md): hosts whose rendered
/// parameters are identical are sent together as one <c>local_async</c> with <c>tgt_type: list</c>, up to
/// <c>SaltChunkSize</c> per call. A batch of 500 hosts is one or a few HTTP calls and jids instead of 500, which keeps the
/// master's publish load and the job cache small. The jid is shared by the chunk, so the external reference is
/// <c>jid:minion</c>; a poll fetches each jid once for all its minions. Hosts whose parameters differ (placeholders) get
/// their own chunk, so per-host templating still works.</para>
/// <para><b>Outcomes</b>: minions the master did not accept into the job (absent from <c>minions</c>, or <c>{}</c> = nothing
/// matched) fail at once (Environment, "minion not connected / no key"). A minion listed in <c>Minions</c> with no entry
/// in <c>Result</c> after the host timeout is TimedOut (Environment, "minion did not return"). An unknown or expired jid
/// (<c>Error</c> in the job info: the job cache was cleaned or the master replaced) fails the host with a System category.</para>
/// <para><b>Abort</b> sends <c>saltutil.kill_job &lt;jid&gt;</c> to the minions still out, via <c>local_async</c>. It is best
/// effort: a minion that is down never sees it, and state runs may stop between states; errors are logged, not raised.
/// The same kill is sent for hosts that time out, so a hung command does not stay behind.</para>
/// </remarks>
public sealed partial class SaltExecutor : RemoteExecutorBase, IExecutor
{
    private const int PollConcurrency = 8;
    private const string NotConnected = "minion not connected / no key: the salt master did not target it (no accepted key, or the minion id is not the CMDB hostname)";
    private readonly SaltApiClient _api;
    private readonly SaltLiveness _liveness;
    private readonly SaltRecovery _recovery;
    private readonly ILogger<SaltExecutor> _logger;

    public SaltExecutor(ISaltApi api, ExecutorHttp http, TimeProvider time, ILogger<SaltExecutor> logger) : base(http, time)
    {
        _api = new SaltApiClient(api, http, time);
        _liveness = new SaltLiveness(_api, time, http.Options.TimeoutSeconds);
        _recovery = new SaltRecovery(_api, logger);
        _logger = logger;
        Descriptor = new ExecutorDescriptor(
            http.ExecutorName,
            "salt",
            $"SaltStack via salt-api at {http.BaseUri} (local_async, minion id = hostname)",
            "Run a command: {\"function\": \"cmd.run_all\", \"command\": \"systemctl restart order-api\", \"shell\": false} — exit code 0 succeeds. " +
            "\"shell\": true runs it through the minion's shell (pipes, &&, redirects, $VAR); false (the default) runs the program directly. " +
            "Apply a state: {\"function\": \"state.apply\", \"state\": \"nginx\", \"pillar\": {\"version\": \"1.2.3\"}, \"test\": false} — " +
            "any state with result false fails the host and its comment is shown. Minions that do not return within the host timeout are timed out. " +
            "Abort sends saltutil.kill_job to minions still running (best effort).",
            "{\"function\": \"cmd.run_all\", \"command\": \"uptime\", \"shell\": false}",
            IsSimulation: false,
            Endpoint: http.BaseUri.ToString());
    }

    public ExecutorDescriptor Descriptor { get; }

    public IReadOnlyList<string> ValidateParameters(JsonObject parameters) => SaltParameters.Validate(parameters);

    public Task<IReadOnlyList<DispatchOutcome>> StartAsync(IReadOnlyList<HostWork> work, CancellationToken cancellationToken)
    {
        // Group hosts with identical rendered parameters; each group goes out in chunks of SaltChunkSize.
        var chunks = work
            .GroupBy(w => SaltParameters.ToLowstate(w.Parameters).ToJsonString())
            .SelectMany(g => g.Chunk(Http.Options.SaltChunkSize).Select(c => (Lowstate: g.Key, Hosts: c)))
            .ToList();
        return DispatchAllAsync(chunks, c => c.Hosts, DispatchChunkAsync, cancellationToken);
    }

    private async Task<IReadOnlyList<DispatchOutcome>> DispatchChunkAsync((string Lowstate, HostWork[] Hosts) chunk, CancellationToken ct)
    {
        var low = (JsonObject)JsonNode.Parse(chunk.Lowstate)!;
        low["client"] = "local_async";
        low["tgt"] = new JsonArray(chunk.Hosts.Select(h => (JsonNode)JsonValue.Create(h.Hostname)).ToArray());
        low["tgt_type"] = "list";
        low["metadata"] = SaltRecovery.Metadata(chunk.Hosts);
        var ret = await _api.RunAsync([low], CallKind.Write, $"local_async {low["fun"]} on {chunk.Hosts.Length} minion(s)", ct).ConfigureAwait(false);

        var result = ret.Count > 0 ? ret[0] as JsonObject : null;
        var jid = result?["jid"]?.GetValue<string>();
        var accepted = new HashSet<string>(
            (result?["minions"] as JsonArray ?? []).Select(m => m?.GetValue<string>() ?? ""), StringComparer.Ordinal);
        if (jid is null) accepted.Clear(); // {} = no minion matched: nothing was published

        LogDispatched(_logger, Name, jid ?? "(none)", chunk.Hosts.Length, accepted.Count);
        return chunk.Hosts.Select(h => accepted.Contains(h.Hostname)
                ? DispatchOutcome.Started(h.HostTaskId, $"{jid}:{h.Hostname}")
                : DispatchOutcome.NotStarted(h.HostTaskId, Finished(h.HostTaskId, HostStatus.Failed, null, null, NotConnected, ErrorCategory.Environment)))
            .ToList();
    }

    /// <summary>Finds lost publishes by the metadata they carry (<see cref="SaltRecovery"/>).</summary>
    public async Task<IReadOnlyList<RecoveredDispatch>> RecoverAsync(IReadOnlyList<HostWork> work, CancellationToken cancellationToken)
    {
        var found = await _recovery.FindAsync(work, cancellationToken).ConfigureAwait(false);
        return work.Select(w => found.TryGetValue(w.HostTaskId, out var job)
                ? RecoveredDispatch.Found(job.Minions.Contains(w.Hostname)
                    ? DispatchOutcome.Started(w.HostTaskId, $"{job.Jid}:{w.Hostname}")
                    : DispatchOutcome.NotStarted(w.HostTaskId, Finished(w.HostTaskId, HostStatus.Failed, null, null, NotConnected, ErrorCategory.Environment)))
                : RecoveredDispatch.NotReceived(w.HostTaskId))
            .ToList();
    }

    public async Task<IReadOnlyList<HostResult>> PollAsync(IReadOnlyList<InFlightHost> hosts, CancellationToken cancellationToken)
    {
        var results = new System.Collections.Concurrent.ConcurrentDictionary<long, HostResult>();
        var timedOut = new System.Collections.Concurrent.ConcurrentBag<InFlightHost>();
        // One GET per jid (a chunk's minions share it); several jids are fetched side by side, as when each host had its
        // own rendered command and so its own jid.
        await Parallel.ForEachAsync(hosts.GroupBy(h => ParseRef(h.ExternalRef).Jid),
            new ParallelOptions { MaxDegreeOfParallelism = PollConcurrency, CancellationToken = cancellationToken },
            async (byJid, ct) =>
            {
                var info = await _api.JobAsync(byJid.Key, ct).ConfigureAwait(false);
                var mapped = MapJob(byJid.Key, info, byJid).ToList();
                var unreachable = await UnreachableAsync(byJid.Key, mapped, ct).ConfigureAwait(false);
                foreach (var (h, r) in mapped)
                {
                    results[h.HostTaskId] = unreachable.Contains(ParseRef(h.ExternalRef).Minion)
                        ? Finished(h.HostTaskId, HostStatus.Failed, null, null,
                            $"minion unreachable: it did not answer saltutil.find_job within {_liveness.GatherSeconds} s (jid {byJid.Key}); it is down or not connected to the master",
                            ErrorCategory.Environment)
                        : r;
                    if (r.Status == HostStatus.TimedOut) timedOut.Add(h);
                }
            }).ConfigureAwait(false);
        if (!timedOut.IsEmpty) await CancelAsync(timedOut.ToList(), cancellationToken).ConfigureAwait(false);
        return hosts.Select(h => results[h.HostTaskId]).ToList();
    }

    private IEnumerable<(InFlightHost Host, HostResult Result)> MapJob(string jid, JsonObject info, IEnumerable<InFlightHost> hosts)
    {
        if (info["Error"] is { } error)
        {
            foreach (var h in hosts)
            {
                yield return (h, Finished(h.HostTaskId, HostStatus.Failed, null, null,
                    $"the salt master has no job {jid} ({error}): the job cache expired or the master was replaced; the host's outcome is unknown",
                    ErrorCategory.System));
            }
            yield break;
        }
        var function = info["Function"]?.GetValue<string>();
        var returned = info["Result"] as JsonObject ?? [];
        foreach (var h in hosts)
        {
            var minion = ParseRef(h.ExternalRef).Minion;
            if (returned[minion] is { } entry)
            {
                var m = SaltReturnMapper.Map(function, entry);
                yield return (h, Finished(h.HostTaskId, m.Status, m.ExitCode, m.Stdout, m.Stderr, ErrorCategory.Environment));
            }
            else if (IsPastDeadline(h))
            {
                yield return (h, Finished(h.HostTaskId, HostStatus.TimedOut, null, null,
                    $"minion did not return within {Seconds(h.Timeout)} (jid {jid})", ErrorCategory.Environment));
            }
            else
            {
                yield return (h, HostResult.StillRunning(h.HostTaskId));
            }
        }
    }

    /// <summary>Minions still out on <paramref name="jid"/> that no longer answer; a failed check changes nothing.</summary>
    private async Task<IReadOnlySet<string>> UnreachableAsync(string jid, List<(InFlightHost Host, HostResult Result)> mapped, CancellationToken ct)
    {
        try
        {
            return await _liveness.UnansweredAsync(jid, mapped.Where(m => !m.Result.IsFinished).Select(m => m.Host).ToList(), ct).ConfigureAwait(false);
        }
        catch (ExecutorUnavailableException ex)
        {
            LogLivenessFailed(_logger, Name, jid, ex.Message);
            return new HashSet<string>();
        }
    }

    public async Task CancelAsync(IReadOnlyList<InFlightHost> hosts, CancellationToken cancellationToken)
    {
        var kills = hosts.Select(h => ParseRef(h.ExternalRef))
            .GroupBy(r => r.Jid)
            .Select(g => (JsonNode)new JsonObject
            {
                ["client"] = "local_async",
                ["tgt"] = new JsonArray(g.Select(r => (JsonNode)JsonValue.Create(r.Minion)).ToArray()),
                ["tgt_type"] = "list",
                ["fun"] = "saltutil.kill_job",
                ["arg"] = new JsonArray(g.Key),
            })
            .ToArray();
        if (kills.Length == 0) return;
        try
        {
            // Killing twice is harmless, so this is retried like a read.
            await _api.RunAsync(new JsonArray(kills), CallKind.Read, "saltutil.kill_job", cancellationToken).ConfigureAwait(false);
        }
        catch (ExecutorUnavailableException ex)
        {
            LogKillFailed(_logger, Name, hosts.Count, ex.Message);
        }
    }

    /// <summary>
    /// Logs in, then exercises every client JOBS uses without running anything: <c>local_async</c> (dispatch) and
    /// <c>local</c> (find_job) against a target no minion can have, and <c>GET /jobs/{jid}</c> (the <c>runner</c> client)
    /// for a jid no master has. A master without one of them would pass a lighter test, then fail every poll (issue 11).
    /// </summary>
    public async Task<ConnectionTestResult> TestConnectionAsync(CancellationToken cancellationToken)
    {
        var sw = Stopwatch.StartNew();
        try
        {
            var session = await _api.SessionAsync(CallKind.Probe, cancellationToken).ConfigureAwait(false);
            foreach (var client in new[] { "local_async", "local" })
            {
                var probe = new JsonObject
                {
                    ["client"] = client, ["tgt"] = "jobs-connection-test.invalid", ["tgt_type"] = "glob", ["fun"] = "test.ping",
                };
                await SaltClients.CheckAsync(client, () => _api.RunAsync([probe], CallKind.Probe,
                    $"the connection test ({client} test.ping to no minion)", cancellationToken)).ConfigureAwait(false);
            }
            await SaltClients.CheckAsync("runner", () => _api.JobAsync(SaltClients.NoSuchJid, cancellationToken, CallKind.Probe)).ConfigureAwait(false);
            return new ConnectionTestResult(true,
                $"Logged in as {Http.Options.Username} (eauth {Http.Options.Eauth}, session valid until {SaltApiClient.FormatExpiry(session.Expires)}); " +
                "local_async, local and runner (GET /jobs) are enabled.",
                sw.Elapsed);
        }
        catch (ExecutorUnavailableException ex)
        {
            return new ConnectionTestResult(false, ex.Message, sw.Elapsed);
        }
    }

    internal static (string Jid, string Minion) ParseRef(string externalRef)
    {
        var i = externalRef.IndexOf(':', StringComparison.Ordinal);
        return i > 0 ? (externalRef[..i], externalRef[(i + 1)..]) : (externalRef, "");
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information,
        Message = "Executor {Executor}: local_async jid {Jid} for {Hosts} host(s), {Accepted} accepted by the master")]
    private static partial void LogDispatched(ILogger logger, string executor, string jid, int hosts, int accepted);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "Executor {Executor}: saltutil.find_job for jid {Jid} failed: {Reason}")]
    private static partial void LogLivenessFailed(ILogger logger, string executor, string jid, string reason);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Executor {Executor}: saltutil.kill_job for {Hosts} host(s) failed: {Reason}")]
    private static partial void LogKillFailed(ILogger logger, string executor, int hosts, string reason);
}
