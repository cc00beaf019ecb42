using Hangfire;
using Jobs.Web.Security;

namespace Jobs.Web.Infrastructure;

/// <summary>
/// Hangfire's dashboard at <c>/hangfire</c>, for Admins only: the endpoint's policy decides (Hangfire's own filters are
/// emptied — their default admits local requests only, whoever makes them). It shows this application's storage, not
/// Hangfire's process-wide one, and never the connection string.
/// </summary>
public static class SchedulerDashboard
{
    public const string Path = SecurityHeaders.SchedulerDashboardPath;

    public static void MapJobsSchedulerDashboard(this WebApplication app) =>
        app.MapHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [],
            DashboardTitle = "JOBS scheduler",
            AppPath = "/",
            DisplayStorageConnectionString = false,
        }, app.Services.GetRequiredService<JobStorage>()).RequireAuthorization(Policies.Admin);
}
