using Jobs.Core.Persistence;
using Jobs.Web.Models;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Web.Services;

/// <summary>A job's notification deliveries, for its page (newest first; a job has a handful).</summary>
public sealed class NotificationQueries(JobsDbContext db)
{
    public const int MaxRows = 50;

    public Task<List<DeliveryRow>> ForJobAsync(long jobId, CancellationToken ct) =>
        db.NotificationDeliveries.AsNoTracking().Where(d => d.JobId == jobId)
            .OrderByDescending(d => d.OccurredAt).ThenByDescending(d => d.Id).Take(MaxRows)
            .Select(d => new DeliveryRow(d.Id, d.Webhook, d.Event, d.Reason, d.OccurredAt, d.Status, d.Attempts, d.LastAttemptAt,
                d.LastStatusCode, d.LastError, d.NextAttemptAt, d.DeliveredAt))
            .ToListAsync(ct);
}
