using System.Text.Json.Nodes;
using Jobs.Core.Application;
using Jobs.Core.Auditing;
using Jobs.Core.Domain;
using Jobs.Core.Filtering;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Core.Templates;

/// <summary>A template as submitted (API body or the edit page). <see cref="Request"/> is the <c>POST /api/v1/jobs</c>
/// body with <c>{{var.*}}</c> placeholders in its text.</summary>
public sealed record TemplateInput
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public JsonObject? Request { get; init; }
    public IReadOnlyList<TemplateVariable>? Variables { get; init; }
    /// <summary>What changed (shown in the version list).</summary>
    public string? Note { get; init; }
}

/// <summary>Creates templates and adds versions (an edit never changes a stored version), audited as
/// <c>template.create</c> / <c>template.update</c>. Errors are <see cref="JobValidationException"/> with field keys
/// (<c>name</c>, <c>request</c>, <c>request.filter</c>, <c>variables[i].pattern</c>, …); nothing is written then.</summary>
public sealed class TemplateService(JobsDbContext db, Execution.IExecutorRegistry executors, TimeProvider clock)
{
    public async Task<long> CreateAsync(TemplateInput input, Actor actor, CancellationToken ct)
    {
        var (name, version) = Validate(input, actor);
        var template = new JobTemplate(name, input.Description, version, clock.GetUtcNow().UtcDateTime);
        db.JobTemplates.Add(template);
        await db.SaveChangesAsync(ct);
        db.Audit(clock, actor, "template.create", Target(template.Id), $"{template.Name}: version 1");
        await db.SaveChangesAsync(ct);
        return template.Id;
    }

    /// <summary>Adds a version; returns its number.</summary>
    /// <exception cref="TemplateNotFoundException"/>
    public async Task<int> UpdateAsync(long id, TemplateInput input, Actor actor, CancellationToken ct)
    {
        var (name, version) = Validate(input, actor);
        var template = await db.JobTemplates.SingleOrDefaultAsync(t => t.Id == id, ct) ?? throw new TemplateNotFoundException(id);
        var added = template.AddVersion(name, input.Description, version, clock.GetUtcNow().UtcDateTime);
        db.JobTemplateVersions.Add(added);
        db.Audit(clock, actor, "template.update", Target(id), $"{template.Name}: version {added.Version}" + (added.Note is { } n ? $" ({n})" : ""));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // LatestVersion is the concurrency token and (template, version) is unique: of two editors at once, one wins.
            throw new InvalidTransitionException($"Template {id} was changed by someone else meanwhile; open it again and repeat your edit.");
        }
        return added.Version;
    }

    public static string Target(long templateId) => $"template/{templateId}";

    private (string Name, JobTemplateVersion Version) Validate(TemplateInput input, Actor actor)
    {
        var errors = new FieldErrors();
        Action<string, string> add = errors.Add;

        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0) add("name", "A template name is required.");
        else if (name.Length > 200) add("name", "The name is longer than 200 characters.");
        if (input.Description is { Length: > 2000 }) add("description", "The description is longer than 2000 characters.");
        if (input.Note is { Length: > 500 }) add("note", "The note is longer than 500 characters.");
        var variables = input.Variables ?? [];
        foreach (var (field, message) in TemplateVariables.CheckDefinitions(variables)) add(field, message);
        if (input.Request is not { } request)
        {
            add("request", "The job the template makes is required (the body of POST /api/v1/jobs, with {{var.name}} where a variable goes).");
        }
        else
        {
            foreach (var used in TemplateRendering.References(request).Where(u => variables.All(v => v.Name != u)))
                add("request", $"{{{{var.{used}}}}} is used but not defined; define a variable named {used} or remove it.");
            if (!errors.HasErrors) CheckRendered(request, variables, name, add);
        }
        errors.ThrowIfAny();
        var version = new JobTemplateVersion(input.Request!.ToJsonString(TemplateJson.Options), TemplateJson.Write(variables), actor.Name,
            clock.GetUtcNow().UtcDateTime, input.Note);
        return (name, version);
    }

    /// <summary>Renders the request with sample values and checks what does not depend on them: that it reads as a job,
    /// that the filter parses, and the job's own rules for every field without a variable in it.</summary>
    private void CheckRendered(JsonObject request, IReadOnlyList<TemplateVariable> variables, string name, Action<string, string> add)
    {
        var samples = variables.ToDictionary(v => v.Name, TemplateVariables.Sample, StringComparer.Ordinal);
        var (job, problem) = TemplateRenderer.ToRequest(TemplateRendering.Render(request, samples, variables), name);
        if (job is null) { add("request", problem!); return; }
        if (!string.IsNullOrWhiteSpace(job.Filter) && !HostFilter.TryParse(job.Filter, out _, out var filterError))
            add("request.filter", $"The filter does not parse with sample values ({filterError}). Write {{{{var.name}}}} where a value goes, without quotes: JOBS quotes it.");
        var validator = new JobRequestValidator(executors, clock);
        validator.Validate(job with { StartAt = null });
        foreach (var (field, messages) in validator.ToException().Errors)
        {
            var top = field.Split('.')[0];
            if (request[top] is { } raw && TemplateRendering.HasReference(raw.ToJsonString())) continue; // depends on a variable
            foreach (var m in messages) add($"request.{field}", m);
        }
    }
}
