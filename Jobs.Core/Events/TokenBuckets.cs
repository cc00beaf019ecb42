using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Core.Events;

/// <summary>What a take from a bucket gave: a token, or none and when the next one is due.</summary>
public sealed record BucketTake(bool Taken, double TokensLeft, DateTime? NextTokenAt);

/// <summary>
/// Token buckets of rules, one row per rule and key (issue 14). A bucket starts full; it gains
/// <see cref="EventRule.BucketRefill"/> tokens every <see cref="EventRule.BucketIntervalSeconds"/> up to the capacity,
/// computed from its last update rather than by a timer. Taking a token is a conditional update on the row's version,
/// so two nodes (or two requests) never both take the last token, and a restart changes nothing.
/// </summary>
public sealed class TokenBuckets(JobsDbContext db)
{
    /// <summary>Attempts before giving up under contention (each lost race means someone else just took a token).</summary>
    private const int MaxAttempts = 8;

    public async Task<BucketTake> TryTakeAsync(EventRule rule, string key, DateTime now, CancellationToken ct)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var row = await db.RuleBuckets.AsNoTracking().SingleOrDefaultAsync(b => b.RuleId == rule.Id && b.Key == key, ct);
            if (row is null)
            {
                if (await TryCreateAsync(rule, key, now, ct)) return new BucketTake(true, rule.BucketCapacity - 1, null);
                continue; // another request created it first: take from theirs
            }
            var tokens = Refilled(rule, row, now);
            if (tokens < 1) return new BucketTake(false, tokens, NextTokenAt(rule, tokens, now));
            // The version in the condition is the claim: zero rows means another take or refill came first; read again.
            var version = row.Version;
            var updated = await db.RuleBuckets
                .Where(b => b.RuleId == rule.Id && b.Key == key && b.Version == version)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Tokens, tokens - 1)
                    .SetProperty(b => b.UpdatedAt, now)
                    .SetProperty(b => b.Version, version + 1), ct);
            if (updated == 1) return new BucketTake(true, tokens - 1, null);
        }
        // Constant contention on one key: treat as empty rather than let a burst through.
        return new BucketTake(false, 0, null);
    }

    private async Task<bool> TryCreateAsync(EventRule rule, string key, DateTime now, CancellationToken ct)
    {
        var bucket = new RuleBucket(rule.Id, key, rule.BucketCapacity - 1, now);
        db.RuleBuckets.Add(bucket);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // The primary key (rule, key) is taken: someone created the bucket between our read and insert.
            return false;
        }
        finally
        {
            db.Entry(bucket).State = EntityState.Detached;
        }
    }

    private static double Refilled(EventRule rule, RuleBucket row, DateTime now)
    {
        var elapsed = Math.Max(0, (now - row.UpdatedAt).TotalSeconds);
        return Math.Min(rule.BucketCapacity, row.Tokens + elapsed / rule.BucketIntervalSeconds * rule.BucketRefill);
    }

    private static DateTime NextTokenAt(EventRule rule, double tokens, DateTime now) =>
        now.AddSeconds((1 - tokens) / rule.BucketRefill * rule.BucketIntervalSeconds);
}
