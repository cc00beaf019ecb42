using Jobs.Core.Persistence;
using Jobs.Web.Models;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Web.Services;

/// <summary>Reads the audit trail, newest first, paged in SQL.</summary>
public sealed class AuditQueries(JobsDbContext db)
{
    public const int PageSize = 50;

    public async Task<AuditViewModel> PageAsync(AuditQuery query, CancellationToken ct)
    {
        var entries = Filtered(query);
        var total = await entries.CountAsync(ct);
        var page = PageOf<AuditRow>.ClampPage(query.Page);
        var items = await entries.OrderByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(e => new AuditRow(e.Id, e.At, e.Actor, e.Action, e.Target, e.Detail, e.ClientIp))
            .ToListAsync(ct);
        var actions = await db.AuditEntries.AsNoTracking().Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(ct);
        return new AuditViewModel { Query = query, Entries = new PageOf<AuditRow>(items, total, page, PageSize), Actions = actions };
    }

    /// <summary>Every entry the query selects, newest first (the export streams these).</summary>
    public IAsyncEnumerable<AuditRow> AllAsync(AuditQuery query) =>
        Filtered(query).OrderByDescending(e => e.Id)
            .Select(e => new AuditRow(e.Id, e.At, e.Actor, e.Action, e.Target, e.Detail, e.ClientIp)).AsAsyncEnumerable();

    /// <summary>Actor contains, action equals, target contains — or, for a bare number, exactly that job.</summary>
    private IQueryable<Core.Domain.AuditEntry> Filtered(AuditQuery query)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            var actor = query.Actor.Trim().ToLower();
            entries = entries.Where(e => e.Actor.ToLower().Contains(actor));
        }
        if (!string.IsNullOrWhiteSpace(query.Action)) entries = entries.Where(e => e.Action == query.Action.Trim());
        if (long.TryParse(query.Target?.Trim(), out var jobId))
        {
            var job = $"job/{jobId}";
            entries = entries.Where(e => e.Target == job);
        }
        else if (!string.IsNullOrWhiteSpace(query.Target))
        {
            var target = query.Target.Trim().ToLower();
            entries = entries.Where(e => e.Target.ToLower().Contains(target));
        }
        return entries;
    }
}
