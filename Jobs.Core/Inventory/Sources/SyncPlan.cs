using Jobs.Core.Domain;

namespace Jobs.Core.Inventory.Sources;

/// <summary>A stored server as the planner sees it (read without tracking).</summary>
public sealed record StoredServer(long Id, string Hostname, string Ip, string Idc, string Env, string App, string Role, string Os,
    ServerStatus Status, string Owner, IReadOnlyList<string> Tags, string? Source);

/// <summary>
/// What a sync of one source changes, computed in memory from what the source returned and what is stored: servers to
/// add, servers whose fields differ (field by field), and servers of the source it no longer lists (to retire).
/// A stored server of no source (CSV, demo) with a hostname the source lists is taken over; one of another source is left
/// alone and reported.
/// </summary>
public sealed class SyncPlan
{
    public const int MaxListed = 1000;

    public List<SourceServer> ToAdd { get; } = [];
    /// <summary>Stored servers to update (and, when unowned, to take over), with their new values.</summary>
    public List<(StoredServer Stored, SourceServer Wanted)> ToChange { get; } = [];
    public List<StoredServer> ToRetire { get; } = [];
    public List<string> Problems { get; } = [];
    public int Unchanged { get; private set; }
    public int Skipped { get; private set; }
    public int ActiveBefore { get; private set; }
    public List<ServerChange> Changes { get; } = [];
    public int ChangesNotListed { get; private set; }

    public double RetirePercent => ActiveBefore == 0 ? 0 : ToRetire.Count * 100.0 / ActiveBefore;

    /// <param name="source">The source's name.</param>
    /// <param name="records">Mapped records of the source, in its order.</param>
    /// <param name="owned">Every stored server of this source (retired ones too).</param>
    /// <param name="others">Stored servers not of this source whose hostname the source lists.</param>
    public static SyncPlan Compute(string source, IReadOnlyList<MappedRecord> records, IReadOnlyList<StoredServer> owned,
        IReadOnlyDictionary<string, StoredServer> others)
    {
        var plan = new SyncPlan();
        var stored = owned.ToDictionary(s => s.Hostname, StringComparer.Ordinal);
        plan.ActiveBefore = owned.Count(s => s.Status != ServerStatus.Retired);
        // Hostnames the source listed, even unusable ones: a server whose record is broken today is not retired for it.
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (record.Hostname is { } name && !listed.Add(name))
            {
                plan.Skip($"{name}: listed more than once by the source; the first record is used");
                continue;
            }
            if (record.Server is not { } wanted)
            {
                plan.Skip(record.Problem!);
                continue;
            }
            if (stored.TryGetValue(wanted.Hostname, out var mine) || others.TryGetValue(wanted.Hostname, out mine))
            {
                if (mine.Source is { } owner && owner != source)
                {
                    plan.Skip($"{wanted.Hostname}: belongs to the inventory source '{owner}'");
                    continue;
                }
                var fields = Diff(mine, wanted);
                if (mine.Source is null) fields.Insert(0, new FieldChange("source", "", source));
                if (fields.Count == 0) { plan.Unchanged++; continue; }
                plan.ToChange.Add((mine, wanted));
                plan.Changes.Add(new ServerChange(wanted.Hostname, ServerChangeKind.Changed, fields));
                continue;
            }
            plan.ToAdd.Add(wanted);
            plan.Changes.Add(new ServerChange(wanted.Hostname, ServerChangeKind.Added, Diff(null, wanted)));
        }
        foreach (var gone in owned.Where(s => s.Status != ServerStatus.Retired && !listed.Contains(s.Hostname)))
        {
            plan.ToRetire.Add(gone);
            plan.Changes.Add(new ServerChange(gone.Hostname, ServerChangeKind.Retired,
                [new FieldChange("status", Text(gone.Status), Text(ServerStatus.Retired))]));
        }
        plan.Trim();
        return plan;
    }

    private void Skip(string problem)
    {
        Skipped++;
        if (Problems.Count < MaxListed) Problems.Add(problem);
    }

    /// <summary>Keeps the first <see cref="MaxListed"/> changes, retired first (the dangerous ones), then changed, then added.</summary>
    private void Trim()
    {
        var ordered = Changes.OrderByDescending(c => c.Kind).ThenBy(c => c.Hostname, StringComparer.Ordinal).ToList();
        ChangesNotListed = Math.Max(0, ordered.Count - MaxListed);
        Changes.Clear();
        Changes.AddRange(ordered.Take(MaxListed));
    }

    /// <summary>Field-level differences; with no stored server, every non-empty field of the new one.</summary>
    private static List<FieldChange> Diff(StoredServer? before, SourceServer after)
    {
        var changes = new List<FieldChange>();
        void Compare(string field, string? was, string now)
        {
            if ((was ?? "") != now) changes.Add(new FieldChange(field, was ?? "", now));
        }
        Compare("ip", before?.Ip, after.Ip);
        Compare("idc", before?.Idc, after.Idc);
        Compare("env", before?.Env, after.Env);
        Compare("app", before?.App, after.App);
        Compare("role", before?.Role, after.Role);
        Compare("os", before?.Os, after.Os);
        Compare("status", before is null ? null : Text(before.Status), Text(after.Status));
        Compare("owner", before?.Owner, after.Owner);
        Compare("tags", before is null ? null : string.Join(";", before.Tags.Order(StringComparer.Ordinal)), string.Join(";", after.Tags));
        return changes;
    }

    private static string Text(ServerStatus s) => s.ToString().ToLowerInvariant();
}
