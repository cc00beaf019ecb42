namespace Jobs.Core.Domain;

/// <summary>A validated job definition, as accepted by the creation service (API and wizard alike).</summary>
public sealed record JobDefinition(
    string Name,
    string? Description,
    string Filter,
    string Executor,
    string ParametersJson,
    string BatchPlan,
    int Parallelism,
    int HostTimeoutSeconds,
    bool Stratify,
    decimal? MaxPerAppPercent,
    GateSettings Gates,
    GateFailureAction OnGateFailure,
    DateTime? StartAt);
