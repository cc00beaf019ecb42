using System.Text.Json.Serialization;

namespace Jobs.Core.Domain;

/// <summary>
/// Health gates evaluated after each batch. Stored as one JSON column on the job.
/// </summary>
/// <param name="MaxFailurePercent">Stop when failed / batch size × 100 is strictly greater than this (Ansible <c>max_fail_percentage</c>). A batch where every host failed always stops.</param>
/// <param name="MaxTotalFailures">Stop when the job's failed + timed-out hosts exceed this (AWS SSM <c>MaxErrors</c>).</param>
/// <param name="BakeSeconds">Wait this long after a batch before the next one starts.</param>
/// <param name="HttpProbe">An HTTP check, per host of the batch (templated URL) or one service URL.</param>
/// <param name="Prometheus">A Prometheus instant query whose value must not exceed <c>Max</c>.</param>
/// <param name="ManualApproval">Wait for an operator's approval before the next batch.</param>
public sealed record GateSettings(
    decimal? MaxFailurePercent = null,
    int? MaxTotalFailures = null,
    int BakeSeconds = 0,
    HttpProbeGate? HttpProbe = null,
    PrometheusGate? Prometheus = null,
    bool ManualApproval = false)
{
    public static GateSettings Default { get; } = new(MaxFailurePercent: 10);

    /// <summary>The warning for a job without a failure gate, in words both the wizard and API users know.</summary>
    public const string NoFailureGateWarning =
        "No failure gate: failed hosts will not stop the job (set a maximum failure rate, maxFailurePercent, or a maximum of failed hosts, maxTotalFailures).";

    [JsonIgnore]
    public bool HasFailureGate => MaxFailurePercent is not null || MaxTotalFailures is not null;
}

/// <summary>HTTP probe gate. <c>Url</c> may contain host placeholders (<c>{{host.ip}}</c>); then every host of the batch is probed.</summary>
public sealed record HttpProbeGate(
    string Url,
    int ExpectStatus = 200,
    string? JsonPath = null,
    string? ExpectValue = null,
    int TimeoutSeconds = 5);

/// <summary>Prometheus gate: <c>GET {Url}/api/v1/query?query=…</c>; every returned sample must be ≤ <c>Max</c>; no data fails.</summary>
public sealed record PrometheusGate(string Url, string Query, double Max);
