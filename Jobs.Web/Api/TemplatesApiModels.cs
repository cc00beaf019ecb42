using System.Text.Json.Nodes;
using Jobs.Core.Domain;

namespace Jobs.Web.Api;

// Shapes of the templates JSON API. A template's request is the POST /api/v1/jobs body with {{var.*}} placeholders.

public sealed record TemplateSummaryDto(long Id, string Name, string Description, int LatestVersion, DateTime UpdatedAt, int Runs, int Schedules);

public sealed record TemplateVersionDto(int Version, string CreatedBy, DateTime CreatedAt, string? Note);

/// <summary>A template with one version's request and variables (the latest unless <c>?version=</c>).</summary>
public sealed record TemplateDto(long Id, string Name, string Description, int Version, int LatestVersion,
    JsonObject Request, IReadOnlyList<TemplateVariable> Variables, IReadOnlyList<TemplateVersionDto> Versions);

/// <summary>The body of <c>POST /api/v1/templates/{id}/run</c>.</summary>
public sealed record TemplateRunRequest
{
    /// <summary>Variable values by name: text, numbers or true/false; a missing one takes its default.</summary>
    public Dictionary<string, JsonNode?>? Variables { get; init; }

    /// <summary>The version to run; default the latest.</summary>
    public int? Version { get; init; }

    public IReadOnlyDictionary<string, string> Values() =>
        (Variables ?? []).ToDictionary(kv => kv.Key,
            kv => kv.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : kv.Value?.ToJsonString() ?? "", StringComparer.Ordinal);
}
