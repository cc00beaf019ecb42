using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Jobs.Core.Templates;
using Jobs.Web.Models;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Web.Services;

/// <summary>Reads of templates for the pages and the API, projected straight from the context.</summary>
public sealed class TemplateQueries(JobsDbContext db, TimeProvider clock)
{
    /// <summary>How many runs and fires a template page lists.</summary>
    public const int RecentRows = 50;

    public async Task<IReadOnlyList<TemplateListItem>> ListAsync(CancellationToken ct) =>
        await db.JobTemplates.AsNoTracking().OrderBy(t => t.Name).ThenBy(t => t.Id)
            .Select(t => new TemplateListItem(t.Id, t.Name, t.Description, t.LatestVersion, t.UpdatedAt,
                db.Jobs.Count(j => j.TemplateId == t.Id),
                db.Jobs.Where(j => j.TemplateId == t.Id).Max(j => (DateTime?)j.CreatedAt),
                db.TemplateSchedules.Count(s => s.TemplateId == t.Id)))
            .ToListAsync(ct);

    public async Task<TemplateDetailViewModel?> DetailAsync(long id, int? version, CancellationToken ct)
    {
        var t = await db.JobTemplates.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (t is null) return null;
        var shown = await VersionAsync(id, version ?? t.LatestVersion, ct);
        if (shown is null) return null;
        var versions = await db.JobTemplateVersions.AsNoTracking().Where(v => v.TemplateId == id).OrderByDescending(v => v.Version)
            .Select(v => new TemplateVersionRow(v.Version, v.CreatedBy, v.CreatedAt, v.Note)).ToListAsync(ct);
        return new TemplateDetailViewModel
        {
            Id = t.Id, Name = t.Name, Description = t.Description, LatestVersion = t.LatestVersion, ShownVersion = shown.Version,
            RequestJson = System.Text.Json.Nodes.JsonNode.Parse(shown.RequestJson)!.ToJsonString(TemplateForms.Pretty),
            Variables = TemplateJson.Variables(shown), Versions = versions,
            Runs = await RunsAsync(id, ct), Schedules = await SchedulesAsync(id, ct),
        };
    }

    public Task<JobTemplateVersion?> VersionAsync(long id, int version, CancellationToken ct) =>
        db.JobTemplateVersions.AsNoTracking().SingleOrDefaultAsync(v => v.TemplateId == id && v.Version == version, ct);

    public Task<bool> VersionExistsAsync(long id, int version, CancellationToken ct) =>
        db.JobTemplateVersions.AnyAsync(v => v.TemplateId == id && v.Version == version, ct);

    /// <summary>The edit form of a template, filled with its latest version.</summary>
    public async Task<TemplateEditViewModel?> EditAsync(long id, CancellationToken ct)
    {
        var t = await db.JobTemplates.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (t is null || await VersionAsync(id, t.LatestVersion, ct) is not { } v) return null;
        return new TemplateEditViewModel
        {
            Id = id, LatestVersion = t.LatestVersion,
            Form = new TemplateEditForm
            {
                Name = t.Name, Description = t.Description,
                RequestJson = System.Text.Json.Nodes.JsonNode.Parse(v.RequestJson)!.ToJsonString(TemplateForms.Pretty),
                Variables = TemplateJson.Variables(v).Select(VariableRow.From).ToList(),
            },
        };
    }

    public async Task<IReadOnlyList<TemplateRunRow>> RunsAsync(long id, CancellationToken ct) =>
        await db.Jobs.AsNoTracking().Where(j => j.TemplateId == id).OrderByDescending(j => j.Id).Take(RecentRows)
            .Select(j => new TemplateRunRow(j.Id, j.Name, j.TemplateVersion ?? 0, j.Status, j.CreatedBy, j.Source, j.CreatedAt, j.FinishedAt, j.TotalHosts))
            .ToListAsync(ct);

    public async Task<IReadOnlyList<ScheduleRow>> SchedulesAsync(long templateId, CancellationToken ct)
    {
        var schedules = await db.TemplateSchedules.AsNoTracking().Where(s => s.TemplateId == templateId).OrderBy(s => s.Id).ToListAsync(ct);
        var ids = schedules.Select(s => s.Id).ToList();
        var fires = await db.TemplateScheduleFires.AsNoTracking().Where(f => ids.Contains(f.ScheduleId))
            .OrderByDescending(f => f.Occurrence).Take(RecentRows).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return schedules.Select(s => new ScheduleRow(s.Id, s.Cron, s.TimeZone, s.Enabled, s.SkipIfLive, s.Owner, TemplateJson.Values(s.VariablesJson),
            s.Enabled && CronSchedule.TryParse(s.Cron, s.TimeZone, (_, _) => { }) is { } cron ? cron.Next(now, TemplateSchedules.PreviewCount) : [],
            fires.Where(f => f.ScheduleId == s.Id).Take(10).Select(f => new FireRow(f.Occurrence, f.FiredAt, f.Outcome, f.JobId, f.Detail)).ToList())).ToList();
    }

    public Task<long?> TemplateOfScheduleAsync(long scheduleId, CancellationToken ct) =>
        db.TemplateSchedules.Where(s => s.Id == scheduleId).Select(s => (long?)s.TemplateId).SingleOrDefaultAsync(ct);
}
