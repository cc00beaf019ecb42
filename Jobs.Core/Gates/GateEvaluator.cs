using System.Globalization;
using Jobs.Core.Domain;
using Jobs.Core.Templating;

namespace Jobs.Core.Gates;

/// <summary>What the gates of a verifying batch say now.</summary>
public enum GateVerdict { Pass, Fail, Wait, NeedsApproval }

public sealed record GateOutcome(GateVerdict Verdict, string Reason);

/// <summary>
/// Evaluates a finished batch's gates in order: failure gates (instant), bake time, HTTP probe, Prometheus,
/// manual approval. The first failure decides; the reasons of the passed checks are joined for the batch.
/// </summary>
public sealed class GateEvaluator(IHttpProbeClient probe, IPrometheusClient prometheus, TimeProvider clock)
{
    /// <summary>Most hosts probed at once for a templated probe URL.</summary>
    private const int ProbeParallelism = 16;

    /// <summary>Failure gates, also used while a batch runs (maxTotalFailures stops a job early). Null = no stop.</summary>
    public static string? FailureStop(Job job, Batch batch, bool batchFinished)
    {
        var failed = batch.Failed + batch.TimedOut;
        var gates = job.Gates;
        if (batchFinished && failed > 0 && failed == batch.Size)
            return $"batch {batch.Index}: every host failed ({failed} of {batch.Size})";
        if (batchFinished && gates.MaxFailurePercent is { } maxPercent)
        {
            var rate = failed * 100m / batch.Size;
            if (rate > maxPercent)
                return $"batch {batch.Index}: failure rate {Percent(rate)} > {Percent(maxPercent)}";
        }
        if (gates.MaxTotalFailures is { } maxTotal)
        {
            var total = job.Batches.Sum(b => b.Failed + b.TimedOut);
            if (total > maxTotal)
                return $"batch {batch.Index}: {total} failed hosts in the job > maxTotalFailures {maxTotal}";
        }
        return null;
    }

    /// <summary>The gates of a finished batch; every verdict but "wait" (bake time left) is counted in <c>jobs.gate.results</c>.</summary>
    public async Task<GateOutcome> EvaluateAsync(Job job, Batch batch, IReadOnlyList<PlaceholderValues> succeededHosts,
        CancellationToken cancellationToken)
    {
        var outcome = await DecideAsync(job, batch, succeededHosts, cancellationToken);
        if (outcome.Verdict != GateVerdict.Wait)
            Metrics.JobsMetrics.GateResult(outcome.Verdict == GateVerdict.NeedsApproval ? "needs_approval" : outcome.Verdict.ToString().ToLowerInvariant());
        return outcome;
    }

    private async Task<GateOutcome> DecideAsync(Job job, Batch batch, IReadOnlyList<PlaceholderValues> succeededHosts,
        CancellationToken cancellationToken)
    {
        var reasons = new List<string>();
        if (FailureStop(job, batch, batchFinished: true) is { } stop) return new(GateVerdict.Fail, stop);
        var failed = batch.Failed + batch.TimedOut;
        var rate = failed * 100m / batch.Size;
        reasons.Add(job.Gates.MaxFailurePercent is { } max
            ? $"failure rate {Percent(rate)} ≤ {Percent(max)}"
            : $"failure rate {Percent(rate)}");

        var gates = job.Gates;
        var now = clock.GetUtcNow().UtcDateTime;
        if (batch.BakeUntil is { } bakeUntil)
        {
            if (now < bakeUntil) return new(GateVerdict.Wait, $"baking until {bakeUntil:HH:mm:ss} UTC");
            reasons.Add($"baked {gates.BakeSeconds} s");
        }

        if (gates.HttpProbe is { } http)
        {
            var check = await ProbeAsync(http, succeededHosts, cancellationToken);
            if (!check.Passed) return new(GateVerdict.Fail, $"batch {batch.Index}: {check.Reason}");
            reasons.Add(check.Reason);
        }

        if (gates.Prometheus is { } prom)
        {
            var check = await QueryAsync(prom, cancellationToken);
            if (!check.Passed) return new(GateVerdict.Fail, $"batch {batch.Index}: {check.Reason}");
            reasons.Add(check.Reason);
        }

        if (gates.ManualApproval)
        {
            // Approval starts the next batch; after the last one there is nothing to approve (issue 9, item 1).
            var nextBatch = job.Batches.Any(b => b.Index > batch.Index && !b.Status.IsFinished());
            if (!nextBatch) reasons.Add("last batch: no approval needed");
            else if (batch.ApprovedBy is null) return new(GateVerdict.NeedsApproval, $"batch {batch.Index}: waiting for approval");
            else reasons.Add($"approved by {batch.ApprovedBy}");
        }
        return new(GateVerdict.Pass, string.Join("; ", reasons));
    }

    private async Task<GateCheck> ProbeAsync(HttpProbeGate gate, IReadOnlyList<PlaceholderValues> hosts, CancellationToken ct)
    {
        var timeout = TimeSpan.FromSeconds(gate.TimeoutSeconds);
        if (!Placeholders.HasHostPlaceholder(gate.Url) || hosts.Count == 0)
        {
            var url = hosts.Count > 0 ? Placeholders.Render(gate.Url, hosts[0]) : gate.Url;
            var single = await probe.ProbeAsync(url, gate.ExpectStatus, gate.JsonPath, gate.ExpectValue, timeout, ct);
            return single.Passed ? GateCheck.Pass($"probe {url} ok") : GateCheck.Fail($"probe {url}: {single.Reason}");
        }
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(hosts, new ParallelOptions { MaxDegreeOfParallelism = ProbeParallelism, CancellationToken = ct },
            async (host, token) =>
            {
                var url = Placeholders.Render(gate.Url, host);
                var r = await probe.ProbeAsync(url, gate.ExpectStatus, gate.JsonPath, gate.ExpectValue, timeout, token);
                if (!r.Passed) failures.Add($"{host.Hostname}: {r.Reason}");
            });
        if (failures.IsEmpty) return GateCheck.Pass($"probe ok on {hosts.Count} hosts");
        var sample = failures.Order(StringComparer.Ordinal).Take(3);
        return GateCheck.Fail($"probe failed on {failures.Count} of {hosts.Count} hosts ({string.Join("; ", sample)})");
    }

    private async Task<GateCheck> QueryAsync(PrometheusGate gate, CancellationToken ct)
    {
        var result = await prometheus.QueryAsync(gate.Url, gate.Query, TimeSpan.FromSeconds(10), ct);
        if (result.Error is { } error) return GateCheck.Fail($"prometheus query failed: {error}");
        if (result.Samples.Count == 0) return GateCheck.Fail($"prometheus query returned no data: {gate.Query}");
        var worst = result.Samples.MaxBy(s => double.IsNaN(s.Value) ? double.PositiveInfinity : s.Value)!;
        var shown = worst.Value.ToString("G6", CultureInfo.InvariantCulture);
        var max = gate.Max.ToString("G6", CultureInfo.InvariantCulture);
        if (double.IsNaN(worst.Value) || worst.Value > gate.Max)
            return GateCheck.Fail($"prometheus {gate.Query} = {shown}{(worst.Labels.Length > 0 ? " " + worst.Labels : "")} > {max}");
        return GateCheck.Pass($"prometheus {shown} ≤ {max}");
    }

    public static string Percent(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
