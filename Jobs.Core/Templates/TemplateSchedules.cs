using Jobs.Core.Application;
using Jobs.Core.Auditing;
using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Core.Templates;

/// <summary>A schedule as submitted: cron (5 or 6 fields), time zone, the variable values each fire uses.</summary>
public sealed record ScheduleInput
{
    public string? Cron { get; init; }
    public string? TimeZone { get; init; }
    public IReadOnlyDictionary<string, string>? Variables { get; init; }
    public bool SkipIfLive { get; init; } = true;
    public bool Enabled { get; init; } = true;
}

/// <summary>
/// Recurring schedules of templates: create, change, enable/disable, delete (audited as <c>template.schedule.*</c>),
/// each change mirrored to the background-job scheduler through <see cref="ITemplateScheduleTriggers"/>. A schedule is
/// owned by the person who saved it last: each fire runs with that person's role and server scope.
/// </summary>
public sealed class TemplateSchedules(JobsDbContext db, TemplateRenderer renderer, ITemplateScheduleTriggers triggers, TimeProvider clock)
{
    public const int PreviewCount = 5;

    /// <summary>The next five fire times, in the schedule's zone; errors as in <see cref="JobValidationException"/>.</summary>
    public IReadOnlyList<DateTimeOffset> Preview(string? cron, string? timeZone)
    {
        var errors = new FieldErrors();
        var schedule = CronSchedule.TryParse(cron, timeZone, errors.Add);
        errors.ThrowIfAny();
        return schedule!.Next(clock.GetUtcNow(), PreviewCount);
    }

    /// <exception cref="TemplateNotFoundException"/>
    /// <exception cref="JobValidationException"/>
    public async Task<long> CreateAsync(long templateId, ScheduleInput input, Actor actor, CancellationToken ct)
    {
        var variables = await ValidateAsync(templateId, input, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var schedule = new TemplateSchedule(templateId, input.Cron!, input.TimeZone!, TemplateJson.Write(variables), input.SkipIfLive, actor.User, now);
        if (!input.Enabled) schedule.Disable(now);
        db.TemplateSchedules.Add(schedule);
        await db.SaveChangesAsync(ct);
        db.Audit(clock, actor, "template.schedule.create", Target(schedule), Describe(schedule));
        await db.SaveChangesAsync(ct);
        Mirror(schedule);
        return schedule.Id;
    }

    /// <exception cref="ScheduleNotFoundException"/>
    public async Task UpdateAsync(long scheduleId, ScheduleInput input, Actor actor, CancellationToken ct)
    {
        var schedule = await FindAsync(scheduleId, ct);
        var variables = await ValidateAsync(schedule.TemplateId, input, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        schedule.Change(input.Cron!, input.TimeZone!, TemplateJson.Write(variables), input.SkipIfLive, now);
        if (input.Enabled && !schedule.Enabled) schedule.Enable(now);
        if (!input.Enabled && schedule.Enabled) schedule.Disable(now);
        db.Audit(clock, actor, "template.schedule.update", Target(schedule), Describe(schedule));
        await db.SaveChangesAsync(ct);
        Mirror(schedule);
    }

    public async Task SetEnabledAsync(long scheduleId, bool enabled, Actor actor, CancellationToken ct)
    {
        var schedule = await FindAsync(scheduleId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (enabled) schedule.Enable(now); else schedule.Disable(now);
        db.Audit(clock, actor, enabled ? "template.schedule.enable" : "template.schedule.disable", Target(schedule), Describe(schedule));
        await db.SaveChangesAsync(ct);
        Mirror(schedule);
    }

    public async Task<long> DeleteAsync(long scheduleId, Actor actor, CancellationToken ct)
    {
        var schedule = await FindAsync(scheduleId, ct);
        db.TemplateSchedules.Remove(schedule);
        db.Audit(clock, actor, "template.schedule.delete", Target(schedule), Describe(schedule));
        await db.SaveChangesAsync(ct);
        triggers.Remove(scheduleId);
        return schedule.TemplateId;
    }

    /// <summary>Registers every enabled schedule and removes the disabled ones: at start-up, so the scheduler matches the database.</summary>
    public async Task<int> RegisterAllAsync(CancellationToken ct)
    {
        var all = await db.TemplateSchedules.AsNoTracking().ToListAsync(ct);
        foreach (var s in all) Mirror(s);
        return all.Count(s => s.Enabled);
    }

    private void Mirror(TemplateSchedule s)
    {
        if (s.Enabled) triggers.Register(s.Id, s.Cron, s.TimeZone);
        else triggers.Remove(s.Id);
    }

    private async Task<TemplateSchedule> FindAsync(long id, CancellationToken ct) =>
        await db.TemplateSchedules.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw new ScheduleNotFoundException(id);

    /// <summary>Cron, zone and the variable values (checked against the template's latest version now; a fire checks
    /// them again against the version it runs).</summary>
    private async Task<Dictionary<string, string>> ValidateAsync(long templateId, ScheduleInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        CronSchedule.TryParse(input.Cron, input.TimeZone, errors.Add);
        var supplied = input.Variables ?? new Dictionary<string, string>();
        var rendered = await renderer.RenderAsync(templateId, null, supplied, ct);
        foreach (var (key, messages) in rendered.Errors) foreach (var m in messages) errors.Add(key, m);
        errors.ThrowIfAny();
        return supplied.Where(kv => !string.IsNullOrWhiteSpace(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value.Trim(), StringComparer.Ordinal);
    }

    /// <summary>How the audit names a schedule.</summary>
    internal static string Target(TemplateSchedule s) => $"template/{s.TemplateId}/schedules/{s.Id}";

    private static string Describe(TemplateSchedule s) =>
        $"'{s.Cron}' ({s.TimeZone}), {(s.Enabled ? "enabled" : "disabled")}, {(s.SkipIfLive ? "skips while the previous run is live" : "fires even if the previous run is live")}, runs as {s.Owner}";
}

public sealed class ScheduleNotFoundException(long scheduleId) : NotFoundException($"Schedule {scheduleId} does not exist.");
