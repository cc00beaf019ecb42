using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Jobs.Core.Notifications;

/// <summary>
/// Captures job events as an outbox: when a save changes a job's status to one a webhook may want
/// (<see cref="NotificationDelivery.EventFor"/>), a delivery row per interested webhook joins the very same save — so a
/// notification exists exactly when the transition was committed, whoever made it (an engine step, an operator's
/// control, the two-person rule at creation), and nothing in the engine calls out. Sending is
/// <see cref="NotificationSender"/>'s business, later.
/// </summary>
/// <remarks>
/// Every job status change goes through a tracked save (the engine's steps, <c>JobService</c>'s controls and abort);
/// the set-based updates (<c>ExecuteUpdate</c>) touch hosts only. A save that fails and is retried on the same context
/// (a lost concurrency race) must not carry the first attempt's rows, so rows this interceptor added and that are
/// still unsaved are dropped and worked out again on every save.
/// </remarks>
public sealed class NotificationOutbox(IOptionsMonitor<NotificationOptions> options, TimeProvider clock) : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is JobsDbContext db && Events(db) is { Count: > 0 } events)
            Add(db, events, await db.NotificationWebhooks.AsNoTracking().Where(w => w.Enabled).ToListAsync(cancellationToken));
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is JobsDbContext db && Events(db) is { Count: > 0 } events)
            Add(db, events, db.NotificationWebhooks.AsNoTracking().Where(w => w.Enabled).ToList());
        return result;
    }

    /// <summary>The jobs whose status this save changes to a notified one, with the event.</summary>
    private static List<(Job Job, NotificationEvent Event)> Events(JobsDbContext db)
    {
        db.ChangeTracker.DetectChanges();
        foreach (var stale in db.ChangeTracker.Entries<NotificationDelivery>().Where(e => e.State == EntityState.Added).ToList())
            stale.State = EntityState.Detached;
        return db.ChangeTracker.Entries<Job>()
            .Where(StatusChanged)
            .Select(e => (e.Entity, NotificationDelivery.EventFor(e.Entity.Status)))
            .Where(x => x.Item2 is not null)
            .Select(x => (x.Entity, x.Item2!.Value))
            .ToList();
    }

    private static bool StatusChanged(EntityEntry<Job> e) => e.State switch
    {
        EntityState.Added => true,
        EntityState.Modified => e.Property(j => j.Status) is { IsModified: true } p && p.OriginalValue != p.CurrentValue,
        _ => false,
    };

    private void Add(JobsDbContext db, List<(Job Job, NotificationEvent Event)> events, List<NotificationWebhook> fromSettings)
    {
        var targets = options.CurrentValue.ConfiguredTargets().Concat(fromSettings.Select(w => w.ToTarget())).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (job, e) in events)
            foreach (var target in targets.Where(t => t.Wants(e) && t.Covers(job)))
                db.NotificationDeliveries.Add(new NotificationDelivery(job, e, target.Name, now));
    }
}
