using Hangfire;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jobs.Core.Events;

/// <summary>
/// Deletes events older than <c>Jobs:Events:RetentionDays</c> with their rule results, in chunks of
/// <c>PurgeChunkSize</c> (each its own short statement) and at most <c>PurgeMaxChunks</c> per run, so a backlog is
/// worked off over several runs instead of one long transaction. Run periodically (a recurring job).
/// </summary>
public sealed partial class EventHousekeeping(JobsDbContext db, TimeProvider clock, IOptions<EventOptions> options, ILogger<EventHousekeeping> logger)
{
    /// <summary>The Hangfire recurring job that runs <see cref="PurgeAsync"/> every hour (once per cluster).</summary>
    public const string RecurringId = "events-purge";

    /// <summary>Returns how many events were deleted.</summary>
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [JobDisplayName("Purge events older than Jobs:Events:RetentionDays")]
    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        var o = options.Value;
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-o.RetentionDays);
        var deleted = 0;
        for (var chunk = 0; chunk < o.PurgeMaxChunks; chunk++)
        {
            var ids = await db.Events.Where(e => e.ReceivedAt < cutoff).OrderBy(e => e.Id).Select(e => e.Id).Take(o.PurgeChunkSize).ToListAsync(ct);
            if (ids.Count == 0) break;
            // Results first: ExecuteDelete does not cascade through the model, and not every provider has the FK cascade.
            await db.EventRuleResults.Where(r => ids.Contains(r.EventId)).ExecuteDeleteAsync(ct);
            deleted += await db.Events.Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync(ct);
            if (ids.Count < o.PurgeChunkSize) break;
        }
        if (deleted > 0) LogPurged(logger, deleted, o.RetentionDays);
        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} events older than {Days} days")]
    private static partial void LogPurged(ILogger logger, int count, int days);
}
