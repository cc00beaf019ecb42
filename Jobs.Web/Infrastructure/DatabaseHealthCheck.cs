using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Jobs.Web.Infrastructure;

/// <summary><c>/healthz</c>: healthy when the database answers a query.</summary>
internal sealed class DatabaseHealthCheck(JobsDbContext db, DatabaseOutage outage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken)) return HealthCheckResult.Unhealthy("database not reachable");
            outage.Recovered();
            return HealthCheckResult.Healthy("database reachable");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("database not reachable: " + ex.Message);
        }
    }
}
