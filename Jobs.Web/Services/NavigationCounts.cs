using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Jobs.Web.Services;

/// <summary>
/// Numbers shown in the navigation bar. Every page and every live poll shows the badge, so the count is shared for a
/// couple of seconds instead of being queried per page view (issue 10): one indexed count per two seconds at most.
/// </summary>
public sealed class NavigationCounts(JobsDbContext db, IMemoryCache cache)
{
    /// <summary>How stale the badge may be; the live refresh polls every three seconds.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(2);

    /// <summary>The live-jobs count; <paramref name="fresh"/> for the dashboard's live refresh, whose last poll (when
    /// the job ends) must not leave a stale badge behind.</summary>
    public async Task<int> RunningJobsAsync(bool fresh = false)
    {
        if (fresh)
        {
            var count = await CountAsync();
            cache.Set(Key, count, Freshness);
            return count;
        }
        return await cache.GetOrCreateAsync(Key, e =>
        {
            e.AbsoluteExpirationRelativeToNow = Freshness;
            return CountAsync();
        });
    }

    /// <summary>After an operator's control: the next page shows the count as the control left it.</summary>
    public void Forget() => cache.Remove(Key);

    private const string Key = "nav:live-jobs";

    private Task<int> CountAsync() =>
        db.Jobs.AsNoTracking().CountAsync(j => j.Status == JobStatus.Running || j.Status == JobStatus.AwaitingApproval);
}
