using Jobs.Core.Domain;

namespace Jobs.Web.Models;

public sealed record HostRow(
    string Hostname,
    string Ip,
    string Idc,
    string Env,
    string App,
    int BatchIndex,
    HostStatus Status,
    int Attempt,
    int? ExitCode,
    ErrorCategory? Category,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    int? DurationMs,
    /// <summary>The first line of stderr, so failures are readable in the table (issue 9, item 15).</summary>
    string? ErrorLine = null);

/// <param name="Error">Only failed or timed-out hosts whose stderr contains this (a failure group's message).</param>
public sealed record HostListQuery(HostStatus? State, int? Batch, string? Search, int Page, string? Error = null);

/// <summary>Failed or timed-out hosts sharing the first line of their stderr ("17 hosts: connection refused").</summary>
public sealed record FailureGroup(string Message, int Hosts);

/// <summary>The failure groups of a job, largest first; <see cref="Scanned"/> failed hosts were read to build them.</summary>
public sealed record FailureGroups(IReadOnlyList<FailureGroup> Groups, int Scanned, int Failed);

public sealed class JobDashboardViewModel
{
    public required JobSummary Job { get; init; }
    public required HostListQuery HostQuery { get; init; }
    public required PageOf<HostRow> Hosts { get; init; }
    public required IReadOnlyList<JobExclusionRow> ExclusionSample { get; init; }
    public required bool ExecutorIsSimulation { get; init; }
    /// <summary>Webhook deliveries of this job's events, newest first.</summary>
    public IReadOnlyList<DeliveryRow> Deliveries { get; init; } = [];
}

public sealed record JobExclusionRow(string Hostname, string Reason);

public sealed record HostAttemptRow(
    int Attempt,
    int BatchIndex,
    HostStatus Status,
    int? ExitCode,
    ErrorCategory? Category,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    string? ExternalRef,
    string? Stdout,
    string? Stderr);

public sealed class HostDetailViewModel
{
    /// <summary>Host controls this host offers now (see <see cref="Job.AllowedHostControls"/>).</summary>
    public IReadOnlyList<JobControl> Controls => Job.AllowedHostControls(JobStatus, Host.Status);

    public required long JobId { get; init; }
    public required string JobName { get; init; }
    public required JobStatus JobStatus { get; init; }
    public required HostRow Host { get; init; }
    public required string? ExternalRef { get; init; }
    public required string? Stdout { get; init; }
    public required string? Stderr { get; init; }
    /// <summary>Earlier attempts (retry-failed keeps them), newest first.</summary>
    public required IReadOnlyList<HostAttemptRow> EarlierAttempts { get; init; }
    /// <summary>The executor and the parameters with this host's placeholders filled in, as the engine sends them.</summary>
    public string Executor { get; init; } = "";
    public string? RenderedParameters { get; init; }
}
