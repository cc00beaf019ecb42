using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Core.Inventory.Sources;

/// <summary>A configured source for the Servers page and <c>GET /api/v1/inventory/sources</c>. Never carries the token.</summary>
public sealed record SourceSummary(string Name, string Type, string BaseUrl, string Filter, string Schedule, double MaxRetirePercent,
    int Servers, int Retired, InventorySyncRun? LastRun);

/// <summary>Reads for the sources: configuration (without secrets), server counts and the last recorded run of each.</summary>
public sealed class SourceQueries(JobsDbContext db, InventorySourceCatalog sources)
{
    public async Task<IReadOnlyList<SourceSummary>> ListAsync(CancellationToken ct)
    {
        if (sources.All.Count == 0) return [];
        var counts = await db.Servers.AsNoTracking().Where(s => s.Source != null)
            .GroupBy(s => new { s.Source, Retired = s.Status == ServerStatus.Retired })
            .Select(g => new { g.Key.Source, g.Key.Retired, Count = g.Count() }).ToListAsync(ct);
        var result = new List<SourceSummary>();
        foreach (var s in sources.All)
        {
            var last = await db.InventorySyncRuns.AsNoTracking().Where(r => r.Source == s.Name)
                .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).FirstOrDefaultAsync(ct);
            var o = s.Options;
            result.Add(new SourceSummary(s.Name, o.Type.ToLowerInvariant(), o.BaseUrl, o.Filter, o.Schedule, o.MaxRetirePercent,
                counts.Where(c => c.Source == s.Name && !c.Retired).Sum(c => c.Count),
                counts.Where(c => c.Source == s.Name && c.Retired).Sum(c => c.Count), last));
        }
        return result;
    }
}
