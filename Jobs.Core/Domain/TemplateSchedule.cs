namespace Jobs.Core.Domain;

/// <summary>
/// A recurring schedule of a template: a cron expression (5 or 6 fields) in a time zone and the variable values each
/// fire runs with. A fire runs as <see cref="Owner"/> (their role and scope at the time of the fire). Each occurrence
/// fired (or skipped) is a <see cref="TemplateScheduleFire"/>, unique per occurrence.
/// </summary>
public sealed class TemplateSchedule
{
    private TemplateSchedule() { } // EF

    public TemplateSchedule(long templateId, string cron, string timeZone, string variablesJson, bool skipIfLive, string owner, DateTime now)
    {
        TemplateId = templateId;
        Owner = owner;
        CreatedAt = now;
        Change(cron, timeZone, variablesJson, skipIfLive, now);
        Enable(now);
    }

    public long Id { get; private set; }
    public long TemplateId { get; private set; }
    public string Cron { get; private set; } = "";
    /// <summary>An IANA or Windows time zone id (<c>Europe/Berlin</c>, <c>UTC</c>).</summary>
    public string TimeZone { get; private set; } = "UTC";
    public string VariablesJson { get; private set; } = "{}";
    /// <summary>Skip an occurrence while the job of this schedule's previous fire is not finished.</summary>
    public bool SkipIfLive { get; private set; }
    public bool Enabled { get; private set; }
    /// <summary>Occurrences before this moment are never fired (enabling does not catch up on the past).</summary>
    public DateTime EnabledAt { get; private set; }
    /// <summary>The user a fire runs as (role and scope looked up at each fire).</summary>
    public string Owner { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    /// <summary>The source label of the jobs it creates.</summary>
    public string SourceLabel => $"schedule:{Id}";

    public void Change(string cron, string timeZone, string variablesJson, bool skipIfLive, DateTime now)
    {
        Cron = cron.Trim();
        TimeZone = timeZone.Trim();
        VariablesJson = variablesJson;
        SkipIfLive = skipIfLive;
        UpdatedAt = now;
        if (Enabled) EnabledAt = now;
    }

    public void Enable(DateTime now)
    {
        Enabled = true;
        EnabledAt = now;
        UpdatedAt = now;
    }

    public void Disable(DateTime now)
    {
        Enabled = false;
        UpdatedAt = now;
    }
}

/// <summary>What became of one occurrence of a schedule.</summary>
public enum FireOutcome
{
    /// <summary>Claimed; the job is being created (stays so only if the process died meanwhile: never fired twice).</summary>
    Firing = 0,
    /// <summary>A job was created (<see cref="TemplateScheduleFire.JobId"/>).</summary>
    Created = 1,
    /// <summary>Skip-if-live: the previous fire's job was still live.</summary>
    Skipped = 2,
    /// <summary>No job: the variables or the job were refused (the reason says why: scope, validation).</summary>
    Refused = 3,
}

/// <summary>One occurrence of a schedule, recorded before anything else so that two nodes or a retry never fire it twice
/// (unique on schedule and occurrence).</summary>
public sealed class TemplateScheduleFire
{
    private TemplateScheduleFire() { } // EF

    public TemplateScheduleFire(long scheduleId, DateTime occurrence, DateTime firedAt)
    {
        ScheduleId = scheduleId;
        Occurrence = occurrence;
        FiredAt = firedAt;
        Outcome = FireOutcome.Firing;
    }

    public long Id { get; private set; }
    public long ScheduleId { get; private set; }
    /// <summary>The cron occurrence (UTC) this fire stands for.</summary>
    public DateTime Occurrence { get; private set; }
    public DateTime FiredAt { get; private set; }
    public FireOutcome Outcome { get; private set; }
    public long? JobId { get; private set; }
    public string? Detail { get; private set; }

    public void Created(long jobId) => Finish(FireOutcome.Created, jobId, null);

    public void Skipped(string reason) => Finish(FireOutcome.Skipped, null, reason);

    public void Refused(string reason) => Finish(FireOutcome.Refused, null, reason);

    private void Finish(FireOutcome outcome, long? jobId, string? detail)
    {
        if (Outcome != FireOutcome.Firing) throw new InvalidTransitionException("This occurrence was already decided.");
        Outcome = outcome;
        JobId = jobId;
        Detail = detail is { Length: > 2000 } ? detail[..2000] : detail;
    }
}
