using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Jobs.Web.Models;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Web.Services;

/// <summary>
/// Failures in the operator's terms (issue 9, item 15): the first line of a host's stderr, and a job's failed hosts
/// grouped by it ("17 hosts: connection refused"), each group a filter of the hosts table.
/// </summary>
public sealed class FailureQueries(JobsDbContext db)
{
    /// <summary>Characters of stderr read per host: enough for a first line, never the whole capped output.</summary>
    public const int ExcerptChars = 300;

    /// <summary>Failed hosts read to build the groups; a job with more is grouped on this many (the page says so).</summary>
    public const int MaxScanned = 5000;

    public const int MaxGroups = 8;

    /// <summary>What a host without error output is grouped under.</summary>
    public const string NoOutput = "(no error output)";

    /// <summary>The first non-blank line of <paramref name="stderr"/>, trimmed and cut to 160 characters; null if none.</summary>
    public static string? FirstLine(string? stderr)
    {
        if (string.IsNullOrWhiteSpace(stderr)) return null;
        var line = stderr.Split('\n').Select(l => l.Trim()).First(l => l.Length > 0);
        return line.Length > 160 ? line[..160] + "…" : line;
    }

    /// <summary>
    /// The group a failed host falls in: its first stderr line with its own hostname and IP replaced by
    /// <c>{host}</c> and <c>{ip}</c>, so "web-01: connection refused" and "web-02: connection refused" are one group.
    /// </summary>
    public static string GroupOf(string? stderr, string hostname, string ip)
    {
        var line = FirstLine(stderr);
        if (line is null) return NoOutput;
        line = line.Replace(hostname, "{host}", StringComparison.OrdinalIgnoreCase);
        return ip.Length == 0 ? line : line.Replace(ip, "{ip}", StringComparison.Ordinal);
    }

    public async Task<FailureGroups> GroupsAsync(long jobId, CancellationToken ct)
    {
        var total = await Failed(jobId).CountAsync(ct);
        if (total == 0) return new FailureGroups([], 0, 0);
        var scanned = await ScanAsync(jobId, ct);
        var groups = scanned.GroupBy(h => h.Group)
            .Select(g => new FailureGroup(g.Key, g.Count()))
            .OrderByDescending(g => g.Hosts).ThenBy(g => g.Message, StringComparer.Ordinal)
            .Take(MaxGroups).ToList();
        return new FailureGroups(groups, scanned.Count, total);
    }

    /// <summary>Ids of the failed hosts in the group <paramref name="group"/> (among the first <see cref="MaxScanned"/>).</summary>
    public async Task<List<long>> HostIdsAsync(long jobId, string group, CancellationToken ct) =>
        (await ScanAsync(jobId, ct)).Where(h => h.Group == group).Select(h => h.Id).ToList();

    private IQueryable<Core.Domain.HostTask> Failed(long jobId) => db.HostTasks.AsNoTracking()
        .Where(h => h.JobId == jobId && (h.Status == HostStatus.Failed || h.Status == HostStatus.TimedOut));

    private async Task<List<(long Id, string Group)>> ScanAsync(long jobId, CancellationToken ct)
    {
        var rows = await Failed(jobId).OrderBy(h => h.Id).Take(MaxScanned)
            .Select(h => new { h.Id, h.Hostname, h.Ip, Stderr = h.Stderr == null ? null : h.Stderr.Substring(0, ExcerptChars) })
            .ToListAsync(ct);
        return rows.Select(r => (r.Id, GroupOf(r.Stderr, r.Hostname, r.Ip))).ToList();
    }
}
