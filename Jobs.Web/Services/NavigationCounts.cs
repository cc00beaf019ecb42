using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Web.Services;

/// <summary>Numbers shown in the navigation bar; one small indexed count per page view.</summary>
public sealed class NavigationCounts(JobsDbContext db)
{
    public Task<int> RunningJobsAsync() =>
        db.Jobs.AsNoTracking().CountAsync(j => j.Status == JobStatus.Running || j.Status == JobStatus.AwaitingApproval);
}
