using System.Diagnostics;
using System.Diagnostics.Metrics;
using Jobs.Core.Domain;

namespace Jobs.Core.Metrics;

/// <summary>
/// JOBS' own instruments (<c>System.Diagnostics.Metrics</c>; exporting them is the host's business — Jobs.Web serves
/// them at <c>/metrics</c> through OpenTelemetry). Names follow OpenTelemetry's conventions (dotted, unit in the
/// metadata); Prometheus shows them as <c>jobs_hosts_dispatched_total</c>, <c>jobs_executor_call_duration_seconds</c>, ….
/// Counters are process-wide and cheap: the engine calls them where it records hosts, no more.
/// </summary>
public static class JobsMetrics
{
    public const string MeterName = "Jobs";

    private static readonly Meter Meter = new(MeterName, "1.0");

    private static readonly Counter<long> Dispatched = Meter.CreateCounter<long>(
        "jobs.hosts.dispatched", "{host}", "Hosts an executor accepted, by executor.");

    private static readonly Counter<long> Finished = Meter.CreateCounter<long>(
        "jobs.hosts.finished", "{host}", "Hosts that reached a result, by executor and status.");

    private static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>(
        "jobs.executor.call.duration", "s", "Executor API calls, by executor, call kind (read, write, probe) and outcome.");

    private static readonly Counter<long> CallErrors = Meter.CreateCounter<long>(
        "jobs.executor.call.errors", "{call}", "Executor API calls that failed, by executor, call kind and error kind.");

    private static readonly Counter<long> Verdicts = Meter.CreateCounter<long>(
        "jobs.gate.results", "{evaluation}", "Gate evaluations of finished batches, by verdict (pass, fail, needs_approval).");

    private static readonly Histogram<double> Lag = Meter.CreateHistogram<double>(
        "jobs.scheduler.lag", "s", "Time from a job's due start to the step that started it.");

    /// <summary>Hosts the engine just recorded: those given an external reference count as dispatched (when
    /// <paramref name="dispatch"/>), those with a final status as finished.</summary>
    public static void HostsRecorded(string executor, IEnumerable<HostTask> hosts, bool dispatch)
    {
        var executorTag = new KeyValuePair<string, object?>("executor", executor);
        foreach (var group in hosts.GroupBy(h => h.Status))
        {
            var count = group.Count();
            if (group.Key.IsTerminal())
                Finished.Add(count, executorTag, new KeyValuePair<string, object?>("status", group.Key.ToString()));
            if (dispatch && group.Key == HostStatus.Running) Dispatched.Add(count, executorTag);
        }
    }

    /// <summary>One executor API call: how long it took and how it ended (<c>ok</c>, <c>http_503</c>, <c>unavailable</c>, …).</summary>
    public static void ExecutorCall(string executor, string kind, TimeSpan elapsed, string outcome)
    {
        var tags = new TagList { { "executor", executor }, { "kind", kind }, { "outcome", outcome } };
        CallDuration.Record(elapsed.TotalSeconds, tags);
        if (outcome != "ok") CallErrors.Add(1, new TagList { { "executor", executor }, { "kind", kind }, { "error", outcome } });
    }

    public static void GateResult(string verdict) => Verdicts.Add(1, new KeyValuePair<string, object?>("verdict", verdict));

    public static void SchedulerLag(TimeSpan lag) => Lag.Record(Math.Max(0, lag.TotalSeconds));
}
