using Jobs.Core.Domain;

namespace Jobs.Web.Api;

// Shapes of the jobs JSON API (camelCase, enums as strings via JsonDefaults).

public sealed record JobTotalsDto(
    int Hosts, int Pending, int Running, int Succeeded, int Failed, int TimedOut, int Canceled, int Skipped,
    /// <summary>Succeeded over hosts with a verdict (succeeded, failed, timed out), 0..100; null before any (see JobProgress).</summary>
    decimal? SuccessRate,
    int? DurationP50Ms,
    int? DurationP95Ms,
    /// <summary>Estimated seconds left for a running job, from how long its hosts take (pauses not counted; see JobProgress.Eta).</summary>
    int? EtaSeconds,
    /// <summary>Hosts that ran (succeeded, failed, timed out, canceled); skipped hosts never ran.</summary>
    int Ran,
    /// <summary>Ran over hosts, 0..100.</summary>
    double ProgressPercent,
    /// <summary>For an aborted job, where it stopped: "aborted at batch 1 of 11; 170 skipped"; else null.</summary>
    string? StoppedAt);

public sealed record GateResultDto(bool? Passed, string? Reason);

public sealed record BatchDto(
    int Index, int Size, BatchStatus Status,
    int Pending, int Running, int Succeeded, int Failed, int TimedOut, int Canceled, int Skipped,
    int? DurationP50Ms, int? DurationP95Ms,
    DateTime? StartedAt, DateTime? FinishedAt, DateTime? BakeUntil,
    string? ApprovedBy, DateTime? ApprovedAt,
    GateResultDto Gate);

public sealed record JobDto(
    long Id, string Name, string Description, JobStatus Status, string? StopReason, JobStopKind? StopKind,
    string Executor, bool IsSimulation, string Filter, string BatchPlan, int Parallelism, int HostTimeoutSeconds,
    bool Stratify, decimal? MaxPerAppPercent, GateSettings Gates, GateFailureAction OnGateFailure,
    string CreatedBy, DateTime CreatedAt, DateTime? StartAt, DateTime? StartedAt, DateTime? FinishedAt,
    int ExcludedHosts, JobTotalsDto Totals, IReadOnlyList<BatchDto> Batches,
    string? DangerousCommand = null, string? SecondApprover = null,
    long? TemplateId = null, int? TemplateVersion = null, string? Source = null, string? StartApprovalReason = null);

public sealed record JobSummaryDto(
    long Id, string Name, JobStatus Status, string? StopReason, string Executor, bool IsSimulation,
    DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt, JobTotalsDto Totals);

public sealed record PageDto<T>(int Total, IReadOnlyList<T> Items);

public sealed record HostDto(
    string Hostname, string Ip, string Idc, string App, int Batch, HostStatus Status, int Attempt, int? ExitCode,
    ErrorCategory? Category, DateTime? StartedAt, DateTime? FinishedAt, int? DurationMs, string? Stdout, string? Stderr);
