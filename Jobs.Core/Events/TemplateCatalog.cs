using Jobs.Core.Persistence;
using Jobs.Core.Templates;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Core.Events;

/// <summary>Templates as rules see them: the name and the variables of the latest version.</summary>
public sealed class TemplateCatalog(JobsDbContext db) : ITemplateCatalog
{
    public async Task<TemplateSummary?> DescribeAsync(long templateId, CancellationToken ct)
    {
        var template = await db.JobTemplates.AsNoTracking().Where(t => t.Id == templateId)
            .Select(t => new { t.Name, t.LatestVersion }).SingleOrDefaultAsync(ct);
        if (template is null) return null;
        var latest = await db.JobTemplateVersions.AsNoTracking()
            .SingleOrDefaultAsync(v => v.TemplateId == templateId && v.Version == template.LatestVersion, ct);
        var names = latest is null ? [] : TemplateJson.Variables(latest).Select(v => v.Name).ToList();
        return new TemplateSummary(templateId, template.Name, names);
    }
}
