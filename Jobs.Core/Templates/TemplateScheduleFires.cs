using Jobs.Core.Auditing;
using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Jobs.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Jobs.Core.Templates;

/// <summary>What one call of <see cref="TemplateScheduleFires.FireAsync"/> did.</summary>
public enum FireResult
{
    /// <summary>A job was created for the due occurrence.</summary>
    Created,
    /// <summary>Recorded as skipped: the previous fire's job was still live.</summary>
    Skipped,
    /// <summary>Recorded as refused: the variables, the owner or the job were not accepted (the reason is stored).</summary>
    Refused,
    /// <summary>The due occurrence was already recorded (another node, a retry): nothing done.</summary>
    AlreadyFired,
    /// <summary>No occurrence since the schedule was enabled (or within the look-back): nothing done.</summary>
    NotDue,
    /// <summary>The schedule is disabled or gone: nothing done.</summary>
    Inactive,
}

/// <summary>
/// One fire of a template schedule, called by the recurring background job (and safe to call at any time): decides with
/// the clock and the cron which occurrence is due (the latest one since the schedule was enabled), claims it by
/// inserting its row — unique on (schedule, occurrence), so two nodes or a retry never create a second job — and then
/// either records it as skipped (skip-if-live), or runs the template as the schedule's owner through
/// <see cref="ITemplateRuns"/> (scopes, the two-person rule and the audit apply as for any job).
/// </summary>
/// <remarks>Claim first, then create: a process that dies between the two leaves the occurrence <c>Firing</c> without a
/// job, and it is not fired again — at most once, never twice.</remarks>
public sealed partial class TemplateScheduleFires(
    JobsDbContext db, ITemplateRuns runs, TimeProvider clock, ILogger<TemplateScheduleFires> logger)
{
    public async Task<FireResult> FireAsync(long scheduleId, CancellationToken ct)
    {
        var schedule = await db.TemplateSchedules.AsNoTracking().SingleOrDefaultAsync(s => s.Id == scheduleId, ct);
        if (schedule is not { Enabled: true }) return FireResult.Inactive;
        var cron = CronSchedule.TryParse(schedule.Cron, schedule.TimeZone, (_, _) => { });
        if (cron is null) return FireResult.Inactive;
        var now = clock.GetUtcNow().UtcDateTime;
        // The latest occurrence decides; whether it was fired already is the unique index's answer (ClaimAsync).
        if (cron.LatestDue(schedule.EnabledAt, now) is not { } occurrence) return FireResult.NotDue;

        var fire = new TemplateScheduleFire(scheduleId, occurrence, now);
        var label = schedule.SourceLabel;
        if (schedule.SkipIfLive && await LiveJobAsync(label, ct) is { } live)
            fire.Skipped($"job {live.Id} of an earlier fire is still {StatusText.Label(live.Status).ToLowerInvariant()}");
        if (!await ClaimAsync(fire, ct)) return FireResult.AlreadyFired;
        if (fire.Outcome == FireOutcome.Skipped)
        {
            await AuditAsync(schedule, $"occurrence {occurrence:yyyy-MM-dd HH:mm:ss} UTC skipped: {fire.Detail}", ct);
            LogFire(logger, scheduleId, occurrence, "skipped", fire.Detail ?? "");
            return FireResult.Skipped;
        }

        var actor = await OwnerAsync(schedule, ct);
        TemplateRunResult result = actor.Refusal is { } refusal
            ? TemplateRunResult.Invalid(new Dictionary<string, string[]> { ["owner"] = [refusal] })
            : await runs.RunAsync(schedule.TemplateId, TemplateJson.Values(schedule.VariablesJson), actor.Actor!,
                new TemplateRunOptions { Source = label }, ct);
        db.ChangeTracker.Clear();
        db.Attach(fire);
        if (result.JobId is { } jobId) fire.Created(jobId);
        else fire.Refused(result.Describe());
        if (!result.Created) db.Audit(clock, new Actor(label, null), "template.schedule.refused", TemplateSchedules.Target(schedule), $"occurrence {occurrence:yyyy-MM-dd HH:mm:ss} UTC: {fire.Detail}");
        await db.SaveChangesAsync(ct);
        LogFire(logger, scheduleId, occurrence, fire.Outcome.ToString(), fire.JobId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? fire.Detail ?? "");
        return result.Created ? FireResult.Created : FireResult.Refused;
    }

    /// <summary>The newest unfinished job an earlier fire of this schedule created, or null.</summary>
    private Task<LiveJob?> LiveJobAsync(string label, CancellationToken ct) =>
        db.Jobs.AsNoTracking()
            .Where(j => j.Source == label && !JobStatuses.Terminal.Contains(j.Status))
            .OrderByDescending(j => j.Id)
            .Select(j => new LiveJob(j.Id, j.Status))
            .FirstOrDefaultAsync(ct);

    private sealed record LiveJob(long Id, JobStatus Status);

    /// <summary>Inserts the occurrence's row; false when it is already there (the unique index said so).</summary>
    private async Task<bool> ClaimAsync(TemplateScheduleFire fire, CancellationToken ct)
    {
        db.TemplateScheduleFires.Add(fire);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (ex.InnerException is System.Data.Common.DbException inner && db.Dialect().Constraints.IsUniqueViolation(inner))
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private async Task AuditAsync(TemplateSchedule schedule, string detail, CancellationToken ct)
    {
        db.Audit(clock, new Actor(schedule.SourceLabel, null), "template.schedule.skipped", TemplateSchedules.Target(schedule), detail);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The schedule's owner as an actor named after the schedule (the audit says <c>schedule:3</c>; the
    /// two-person rule compares <see cref="Actor.User"/>, the owner), with their role and scope as they are now.</summary>
    private async Task<(Actor? Actor, string? Refusal)> OwnerAsync(TemplateSchedule schedule, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.UserName == schedule.Owner)
            .Select(u => new { u.Id, u.Disabled, u.Scope }).SingleOrDefaultAsync(ct);
        if (user is null) return (null, $"the schedule's owner {schedule.Owner} no longer exists; save the schedule again to own it");
        if (user.Disabled) return (null, $"the schedule's owner {schedule.Owner} is disabled; save the schedule again to own it");
        var roles = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(ct);
        var role = Roles.Highest(roles);
        if (role is not (Roles.Operator or Roles.Admin))
            return (null, $"the schedule's owner {schedule.Owner} is no longer an Operator; save the schedule again to own it");
        return (new Actor(schedule.SourceLabel, null) { User = schedule.Owner, IsAdmin = role == Roles.Admin, Scope = user.Scope }, null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Template schedule {ScheduleId}: occurrence {Occurrence} {Outcome}: {Detail}")]
    private static partial void LogFire(ILogger logger, long scheduleId, DateTime occurrence, string outcome, string detail);
}
