namespace Jobs.Core.Domain;

/// <summary>
/// Where a job came from, recorded on it at creation: the template version it was rendered from, and what started it
/// when no person did (<c>schedule:3</c>, <c>rule:disk-full</c>). <see cref="HoldBeforeStart"/> asks for an operator's
/// approval before the first batch (an event rule's "ask first"), with the reason shown on the job.
/// </summary>
public sealed record JobOrigin(long? TemplateId = null, int? TemplateVersion = null, string? Source = null, string? HoldBeforeStart = null)
{
    public static JobOrigin None { get; } = new();

    /// <summary>Longest <see cref="Source"/> label stored.</summary>
    public const int MaxSourceLength = 100;
}
