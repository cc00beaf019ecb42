using System.Text.Json;
using System.Text.Json.Nodes;
using Jobs.Core.Application;
using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Core.Templates;

/// <summary>A template version rendered with a run's variables: the job request, or the errors (nothing else happened).</summary>
public sealed record RenderedTemplate(long TemplateId, int Version, string TemplateName, JobRequest? Request,
    IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>Loads a template version and renders it with a run's variables (the wizard's "Run" and every run).</summary>
public sealed class TemplateRenderer(JobsDbContext db)
{
    /// <exception cref="TemplateNotFoundException"/>
    public async Task<RenderedTemplate> RenderAsync(long templateId, int? version, IReadOnlyDictionary<string, string>? variables, CancellationToken ct)
    {
        var template = await db.JobTemplates.AsNoTracking().Where(t => t.Id == templateId)
            .Select(t => new { t.Name, t.LatestVersion }).SingleOrDefaultAsync(ct) ?? throw new TemplateNotFoundException(templateId);
        var number = version ?? template.LatestVersion;
        var stored = await db.JobTemplateVersions.AsNoTracking().SingleOrDefaultAsync(v => v.TemplateId == templateId && v.Version == number, ct)
                     ?? throw new TemplateNotFoundException(templateId, number);
        var definitions = TemplateJson.Variables(stored);
        var (values, errors) = TemplateVariables.Resolve(definitions, variables);
        if (errors.Count > 0) return new RenderedTemplate(templateId, number, template.Name, null, values, errors);
        var (request, problem) = ToRequest(TemplateRendering.Render(TemplateJson.Request(stored), values, definitions), template.Name);
        return new RenderedTemplate(templateId, number, template.Name, request, values,
            problem is null ? new Dictionary<string, string[]>() : new Dictionary<string, string[]> { ["request"] = [problem] });
    }

    /// <summary>The rendered JSON as a job request (named after the template when it has no name), or why it is not one.</summary>
    public static (JobRequest? Request, string? Problem) ToRequest(JsonObject rendered, string templateName)
    {
        try
        {
            var request = rendered.Deserialize<JobRequest>(TemplateJson.Options) ?? new JobRequest();
            return (string.IsNullOrWhiteSpace(request.Name) ? request with { Name = templateName } : request, null);
        }
        catch (JsonException ex)
        {
            var where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "" : $" at {ex.Path.TrimStart('$', '.')}";
            return (null, $"The template does not render to a valid job{where}: check the field's type (a number, true/false, or text).");
        }
    }
}

/// <summary>See <see cref="ITemplateRuns"/>.</summary>
public sealed class TemplateRuns(TemplateRenderer renderer, IJobService jobs) : ITemplateRuns
{
    public async Task<TemplateRunResult> RunAsync(long templateId, IReadOnlyDictionary<string, string> variables, Auditing.Actor actor,
        TemplateRunOptions options, CancellationToken cancellationToken)
    {
        var rendered = await renderer.RenderAsync(templateId, options.Version, variables, cancellationToken);
        if (rendered.Request is null) return TemplateRunResult.Invalid(rendered.Errors);
        var hold = options.RequireApprovalBeforeFirstBatch
            ? $"{options.Source ?? $"template {templateId}"} asks for an approval before the first batch"
            : null;
        try
        {
            var id = await jobs.CreateAsync(rendered.Request, actor, new JobOrigin(templateId, rendered.Version, options.Source, hold), cancellationToken);
            return TemplateRunResult.Job(id);
        }
        catch (JobValidationException ex)
        {
            return TemplateRunResult.Invalid(ex.Errors);
        }
    }
}
