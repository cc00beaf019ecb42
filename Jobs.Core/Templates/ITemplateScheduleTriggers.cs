namespace Jobs.Core.Templates;

/// <summary>
/// The seam between template schedules and the background-job scheduler: keeps one recurring job per enabled schedule
/// (id <c>template-schedule-{id}</c>, its cron and time zone) that calls <see cref="TemplateScheduleFires.FireAsync"/>.
/// The fire decides on its own which occurrence is due and records it uniquely, so a duplicate or late call is harmless.
/// </summary>
public interface ITemplateScheduleTriggers
{
    /// <summary>Adds or replaces the recurring job of an enabled schedule.</summary>
    void Register(long scheduleId, string cron, string timeZone);

    /// <summary>Removes the recurring job (disabled or deleted schedule); nothing when there is none.</summary>
    void Remove(long scheduleId);
}

/// <summary>Used when no background-job scheduler runs in this process (a web-only node): schedules are stored, and
/// a node with the scheduler registers them at its start.</summary>
public sealed class NoTemplateScheduleTriggers : ITemplateScheduleTriggers
{
    public void Register(long scheduleId, string cron, string timeZone) { }

    public void Remove(long scheduleId) { }
}
