using System.ComponentModel.DataAnnotations;
using Jobs.Core.Domain;

namespace Jobs.Web.Models;

/// <summary>One row of the templates list.</summary>
public sealed record TemplateListItem(long Id, string Name, string Description, int LatestVersion, DateTime UpdatedAt,
    int Runs, DateTime? LastRunAt, int Schedules);

/// <summary>One version of a template, for the version list.</summary>
public sealed record TemplateVersionRow(int Version, string CreatedBy, DateTime CreatedAt, string? Note);

/// <summary>A job made from a template, with its outcome.</summary>
public sealed record TemplateRunRow(long JobId, string Name, int Version, JobStatus Status, string CreatedBy, string? Source, DateTime CreatedAt,
    DateTime? FinishedAt, int TotalHosts);

/// <summary>A schedule with its next fire times and its latest fires.</summary>
public sealed record ScheduleRow(long Id, string Cron, string TimeZone, bool Enabled, bool SkipIfLive, string Owner,
    IReadOnlyDictionary<string, string> Variables, IReadOnlyList<DateTimeOffset> Next, IReadOnlyList<FireRow> Fires);

public sealed record FireRow(DateTime Occurrence, DateTime FiredAt, FireOutcome Outcome, long? JobId, string? Detail);

public sealed class TemplateDetailViewModel
{
    public required long Id { get; init; }
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required int LatestVersion { get; init; }
    /// <summary>The version shown (the latest unless <c>?version=</c> asks for another).</summary>
    public required int ShownVersion { get; init; }
    public required string RequestJson { get; init; }
    public required IReadOnlyList<TemplateVariable> Variables { get; init; }
    public required IReadOnlyList<TemplateVersionRow> Versions { get; init; }
    public required IReadOnlyList<TemplateRunRow> Runs { get; init; }
    public required IReadOnlyList<ScheduleRow> Schedules { get; init; }
    /// <summary>The new-schedule form (with its errors and preview after a post).</summary>
    public ScheduleForm ScheduleForm { get; init; } = new();
    public IReadOnlyList<DateTimeOffset>? SchedulePreview { get; init; }
}

/// <summary>The edit page: the template's request as JSON (the body of <c>POST /api/v1/jobs</c>) and its variables.</summary>
public sealed class TemplateEditForm
{
    [Required(ErrorMessage = "Give the template a name.")]
    [StringLength(200)]
    public string? Name { get; set; }

    [StringLength(2000)]
    public string? Description { get; set; }

    [Display(Name = "Job (JSON)")]
    public string? RequestJson { get; set; }

    [StringLength(500)]
    public string? Note { get; set; }

    public List<VariableRow> Variables { get; set; } = [];

    /// <summary>Where the form was filled from ("job 12", "the wizard"), shown above it; not posted back.</summary>
    public string? FilledFrom { get; set; }
}

/// <summary>One variable row of the edit form; a row without a name is ignored.</summary>
public sealed class VariableRow
{
    public string? Name { get; set; }
    public VariableType Type { get; set; } = VariableType.String;
    public string? Default { get; set; }
    public bool Required { get; set; } = true;
    public string? Pattern { get; set; }
    /// <summary>Allowed values separated by commas.</summary>
    public string? OneOf { get; set; }
    public string? Description { get; set; }

    public static VariableRow From(TemplateVariable v) => new()
    {
        Name = v.Name, Type = v.Type, Default = v.Default, Required = v.Required, Pattern = v.Pattern,
        OneOf = v.OneOf is { Count: > 0 } o ? string.Join(", ", o) : null, Description = v.Description,
    };

    public TemplateVariable ToVariable() => new(Name!.Trim(), Type, Blank(Default), Required, Blank(Pattern),
        OneOf?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } values ? values : null,
        Blank(Description));

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

public sealed class TemplateEditViewModel
{
    /// <summary>Null for a new template.</summary>
    public long? Id { get; init; }
    public int? LatestVersion { get; init; }
    public required TemplateEditForm Form { get; init; }
}

/// <summary>The short form of a run: one value per variable.</summary>
public sealed class TemplateRunViewModel
{
    public required long Id { get; init; }
    public required string Name { get; init; }
    public required int Version { get; init; }
    public required IReadOnlyList<TemplateVariable> Variables { get; init; }
    public required IReadOnlyDictionary<string, string> Values { get; init; }
}

/// <summary>The schedule form on the template page.</summary>
public sealed class ScheduleForm
{
    public string? Cron { get; set; } = "0 3 * * *";
    public string? TimeZone { get; set; } = "UTC";
    public bool SkipIfLive { get; set; } = true;
    public bool Enabled { get; set; } = true;
    /// <summary>Variable values, by name (<c>Variables[version]</c> in the form).</summary>
    public Dictionary<string, string> Variables { get; set; } = [];
}
