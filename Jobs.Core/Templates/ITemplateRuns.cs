using Jobs.Core.Auditing;

namespace Jobs.Core.Templates;

/// <summary>
/// Runs a job template: checks the variables, renders the template's request and creates the job through
/// <see cref="Application.IJobService"/>, so server scopes, the two-person rule, validation and the audit apply exactly
/// as for a job made in the wizard. The one entry point for the template pages and API, schedules and event rules.
/// </summary>
public interface ITemplateRuns
{
    /// <summary>
    /// Creates a job from the template's latest version (or <see cref="TemplateRunOptions.Version"/>) with
    /// <paramref name="variables"/> (name → value; a missing one takes its default). Returns the new job's id, or the
    /// errors and nothing written: per variable under <c>variables.&lt;name&gt;</c> (missing, type, pattern, one-of,
    /// unknown), and the job's own field errors (<c>filter</c> for targets outside the actor's scope, …).
    /// </summary>
    /// <exception cref="TemplateNotFoundException">No such template or version.</exception>
    Task<TemplateRunResult> RunAsync(long templateId, IReadOnlyDictionary<string, string> variables, Actor actor,
        TemplateRunOptions options, CancellationToken cancellationToken);
}

/// <summary>How a run is started.</summary>
public sealed record TemplateRunOptions
{
    public static TemplateRunOptions Default { get; } = new();

    /// <summary>The job waits in <c>AwaitingApproval</c> until an operator approves its first batch.</summary>
    public bool RequireApprovalBeforeFirstBatch { get; init; }

    /// <summary>What started the run when no person did, e.g. <c>rule:disk-full</c> or <c>schedule:3</c>; recorded on
    /// the job and in its audit entry. Null: a person ran it.</summary>
    public string? Source { get; init; }

    /// <summary>The template version to run; null = the latest.</summary>
    public int? Version { get; init; }
}

/// <summary>The job created, or why none was: field errors keyed as described on <see cref="ITemplateRuns.RunAsync"/>.</summary>
public sealed record TemplateRunResult(long? JobId, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Created => JobId is not null;

    public static TemplateRunResult Job(long id) => new(id, new Dictionary<string, string[]>());

    public static TemplateRunResult Invalid(IReadOnlyDictionary<string, string[]> errors) => new(null, errors);

    /// <summary>The errors in one line (audit detail, a schedule's skipped reason).</summary>
    public string Describe() => string.Join("; ", Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")));
}

public sealed class TemplateNotFoundException(long templateId, int? version = null)
    : Domain.NotFoundException(version is null ? $"Template {templateId} does not exist." : $"Template {templateId} has no version {version}.")
{
    public long TemplateId { get; } = templateId;
}
