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

    public async Task<int> RunningJobsAsync() =>
        await cache.GetOrCreateAsync("nav:live-jobs", e =>
        {
            e.AbsoluteExpirationRelativeToNow = Freshness;
            return db.Jobs.AsNoTracking().CountAsync(j => j.Status == JobStatus.Running || j.Status == JobStatus.AwaitingApproval);
        });
}
