namespace Jobs.Core.Domain;

/// <summary>
/// A named job template: everything the wizard asks, with variables. Its definition lives in immutable
/// <see cref="JobTemplateVersion"/>s; editing adds a version and never changes an old one, so a job's
/// (<see cref="Job.TemplateId"/>, <see cref="Job.TemplateVersion"/>) always shows what it was made from.
/// </summary>
public sealed class JobTemplate
{
    private readonly List<JobTemplateVersion> _versions = [];

    private JobTemplate() { } // EF

    public JobTemplate(string name, string? description, JobTemplateVersion first, DateTime now)
    {
        Name = name.Trim();
        Description = description?.Trim() ?? "";
        CreatedBy = first.CreatedBy;
        CreatedAt = now;
        UpdatedAt = now;
        first.Number(1);
        _versions.Add(first);
        LatestVersion = 1;
    }

    public long Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Description { get; private set; } = "";
    public string CreatedBy { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    /// <summary>The number of the newest version, which a run uses unless it names another.</summary>
    public int LatestVersion { get; private set; }

    /// <summary>Loaded only when included; a template's versions are append-only.</summary>
    public IReadOnlyList<JobTemplateVersion> Versions => _versions.AsReadOnly();

    /// <summary>An edit: name and description change in place, the definition becomes a new version.</summary>
    public JobTemplateVersion AddVersion(string name, string? description, JobTemplateVersion next, DateTime now)
    {
        Name = name.Trim();
        Description = description?.Trim() ?? "";
        UpdatedAt = now;
        LatestVersion++;
        next.Number(LatestVersion);
        next.AttachTo(Id);
        _versions.Add(next);
        return next;
    }
}

/// <summary>One immutable version of a template: the job request (the API's <c>POST /api/v1/jobs</c> body, with
/// <c>{{var.*}}</c> placeholders in its text) and the variables.</summary>
public sealed class JobTemplateVersion
{
    private JobTemplateVersion() { } // EF

    public JobTemplateVersion(string requestJson, string variablesJson, string createdBy, DateTime createdAt, string? note = null)
    {
        RequestJson = requestJson;
        VariablesJson = variablesJson;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    public long Id { get; private set; }
    public long TemplateId { get; private set; }
    public int Version { get; private set; }
    public string RequestJson { get; private set; } = "{}";
    public string VariablesJson { get; private set; } = "[]";
    public string CreatedBy { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    /// <summary>What changed, as the editor wrote it.</summary>
    public string? Note { get; private set; }

    internal void Number(int version)
    {
        if (Version != 0) throw new InvalidTransitionException("A template version is immutable.");
        Version = version;
    }

    internal void AttachTo(long templateId) => TemplateId = templateId;
}
