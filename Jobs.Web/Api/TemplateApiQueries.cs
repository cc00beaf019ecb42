using Jobs.Core.Persistence;
using Jobs.Core.Templates;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Web.Api;

/// <summary>Reads of the templates API, projected from the context.</summary>
public sealed class TemplateApiQueries(JobsDbContext db)
{
    public async Task<IReadOnlyList<TemplateSummaryDto>> ListAsync(CancellationToken ct) =>
        await db.JobTemplates.AsNoTracking().OrderBy(t => t.Name).ThenBy(t => t.Id)
            .Select(t => new TemplateSummaryDto(t.Id, t.Name, t.Description, t.LatestVersion, t.UpdatedAt,
                db.Jobs.Count(j => j.TemplateId == t.Id), db.TemplateSchedules.Count(s => s.TemplateId == t.Id)))
            .ToListAsync(ct);

    public async Task<TemplateDto?> GetAsync(long id, int? version, CancellationToken ct)
    {
        var t = await db.JobTemplates.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (t is null) return null;
        var number = version ?? t.LatestVersion;
        var v = await db.JobTemplateVersions.AsNoTracking().SingleOrDefaultAsync(x => x.TemplateId == id && x.Version == number, ct);
        if (v is null) return null;
        var versions = await db.JobTemplateVersions.AsNoTracking().Where(x => x.TemplateId == id).OrderByDescending(x => x.Version)
            .Select(x => new TemplateVersionDto(x.Version, x.CreatedBy, x.CreatedAt, x.Note)).ToListAsync(ct);
        return new TemplateDto(t.Id, t.Name, t.Description, v.Version, t.LatestVersion, TemplateJson.Request(v), TemplateJson.Variables(v), versions);
    }
}
