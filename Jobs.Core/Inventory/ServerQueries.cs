using Jobs.Core.Domain;
using Jobs.Core.Filtering;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Core.Inventory;

/// <summary>A server as lists and the API show it.</summary>
public sealed record ServerRow(long Id, string Hostname, string Ip, string Idc, string Env, string App, string Role, string Os,
    ServerStatus Status, string Owner, IReadOnlyList<string> Tags, bool IsDemo, DateTime UpdatedAt);

public sealed record ServerPage(int Total, IReadOnlyList<ServerRow> Items);

public sealed record GroupCount(string Key, int Count);

/// <summary>Counts of the servers a filter selects, grouped in SQL. Groups are sorted by count, largest first.</summary>
public sealed record ServerSummary(int Total, int Demo, IReadOnlyList<GroupCount> ByIdc, IReadOnlyList<GroupCount> ByEnv,
    IReadOnlyList<GroupCount> ByApp, IReadOnlyList<GroupCount> ByStatus);

/// <summary>A selected server as a job target.</summary>
public sealed record ServerTarget(long Id, string Hostname, string Ip, string Idc, string Env, string App, ServerStatus Status);

/// <summary>
/// Read side of the inventory: every query applies a <see cref="HostFilter"/> in the database and projects with
/// <c>AsNoTracking</c>. Shared by the servers page, the API and the job wizard.
/// </summary>
public sealed class ServerQueries(JobsDbContext db)
{
    /// <summary>Largest page <see cref="PageAsync"/> returns.</summary>
    public const int MaxTake = 1000;

    private IQueryable<Server> Select(HostFilter filter) => filter.Apply(db.Servers.AsNoTracking());

    public Task<int> CountAsync(HostFilter filter, CancellationToken cancellationToken = default) =>
        Select(filter).CountAsync(cancellationToken);

    /// <remarks>
    /// One scan: SQL groups by (idc, env, app, status, demo) — a few thousand cells at most, whatever the number of
    /// servers — and the cells are rolled up here. Six separate GROUP BY queries cost six scans (bench: ~6x slower
    /// on 100k servers).
    /// </remarks>
    public async Task<ServerSummary> SummarizeAsync(HostFilter filter, CancellationToken cancellationToken = default)
    {
        var cells = await Select(filter)
            .GroupBy(s => new { s.Idc, s.Env, s.App, s.Status, s.IsDemo })
            .Select(g => new { g.Key.Idc, g.Key.Env, g.Key.App, g.Key.Status, g.Key.IsDemo, Count = g.Count() })
            .ToListAsync(cancellationToken);
        IReadOnlyList<GroupCount> Roll(Func<(string Idc, string Env, string App, string Status), string> key) => cells
            .GroupBy(c => key((c.Idc, c.Env, c.App, c.Status.ToString().ToLowerInvariant())), StringComparer.Ordinal)
            .Select(g => new GroupCount(g.Key, g.Sum(c => c.Count)))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        return new ServerSummary(cells.Sum(c => c.Count), cells.Where(c => c.IsDemo).Sum(c => c.Count),
            Roll(c => c.Idc), Roll(c => c.Env), Roll(c => c.App), Roll(c => c.Status));
    }

    /// <summary>One page ordered by hostname; <paramref name="take"/> is clamped to 1..<see cref="MaxTake"/>.</summary>
    public async Task<ServerPage> PageAsync(HostFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        skip = Math.Max(0, skip);
        take = Math.Clamp(take, 1, MaxTake);
        var servers = Select(filter);
        var total = await servers.CountAsync(cancellationToken);
        var items = await servers.OrderBy(s => s.Hostname).Skip(skip).Take(take)
            .Select(s => new ServerRow(s.Id, s.Hostname, s.Ip, s.Idc, s.Env, s.App, s.Role, s.Os, s.Status, s.Owner,
                s.Tags.OrderBy(t => t.Name).Select(t => t.Name).ToList(), s.IsDemo, s.UpdatedAt))
            .ToListAsync(cancellationToken);
        return new ServerPage(total, items);
    }

    /// <summary>Every selected server (any status), ordered by hostname: what a job would target.</summary>
    public async Task<IReadOnlyList<ServerTarget>> TargetsAsync(HostFilter filter, CancellationToken cancellationToken = default) =>
        await Select(filter).OrderBy(s => s.Hostname)
            .Select(s => new ServerTarget(s.Id, s.Hostname, s.Ip, s.Idc, s.Env, s.App, s.Status))
            .ToListAsync(cancellationToken);
}
