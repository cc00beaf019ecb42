namespace Jobs.Core.Planning;

/// <summary>A target host as the planner sees it (a frozen copy of the CMDB record).</summary>
public sealed record PlanTarget(string Hostname, string Ip, string Idc, string Env, string App);

/// <summary>
/// Splits a job's targets into batches. Deterministic: the same targets and options always give the same plan.
/// </summary>
/// <remarks>
/// <para><b>Stratify</b>: hosts are grouped by (IDC, app cluster); host <c>j</c> of a group of <c>n</c> gets the key
/// <c>(j + ½) / n</c> and all hosts are ordered by key. Every prefix of that order — so every batch, taken in turn —
/// then holds each group, and hence each IDC and each app cluster, in proportion to its size (within one host per
/// group), which makes the first small batch a canary that touches every cluster it can.</para>
/// <para><b>maxPerAppPercent</b>: a batch takes at most max(1, floor(m × appSize / 100)) hosts of any app cluster.
/// A host that would exceed it waits for a later batch; when the plan's batches are used up the last entry's size
/// keeps repeating, so the planner adds batches rather than exceed the cap.</para>
/// </remarks>
public static class BatchPlanner
{
    public static IReadOnlyList<IReadOnlyList<PlanTarget>> Plan(
        IReadOnlyList<PlanTarget> targets, BatchPlan plan, bool stratify, decimal? maxPerAppPercent)
    {
        var n = targets.Count;
        if (n == 0) return [];
        var ordered = stratify ? Stratify(targets) : targets.OrderBy(t => t.Hostname, StringComparer.Ordinal).ToArray();
        if (maxPerAppPercent is null)
        {
            var result = new List<IReadOnlyList<PlanTarget>>();
            var offset = 0;
            foreach (var size in plan.Sizes(n))
            {
                result.Add(new ArraySegment<PlanTarget>(ordered, offset, size).ToArray());
                offset += size;
            }
            return result;
        }
        return PlanWithAppCap(ordered, plan, maxPerAppPercent.Value);
    }

    /// <summary>Orders hosts so every prefix samples each (IDC, app) group in proportion.</summary>
    public static PlanTarget[] Stratify(IReadOnlyList<PlanTarget> targets)
    {
        var groups = targets
            .GroupBy(t => (t.Idc, t.App))
            .OrderBy(g => g.Key.Idc, StringComparer.Ordinal).ThenBy(g => g.Key.App, StringComparer.Ordinal)
            .Select((g, groupIndex) => (groupIndex, hosts: g.OrderBy(h => h.Hostname, StringComparer.Ordinal).ToArray()))
            .ToArray();
        var keyed = new (double Key, int Group, int Index, PlanTarget Host)[targets.Count];
        var k = 0;
        foreach (var (groupIndex, hosts) in groups)
        {
            for (var j = 0; j < hosts.Length; j++)
                keyed[k++] = ((j + 0.5) / hosts.Length, groupIndex, j, hosts[j]);
        }
        Array.Sort(keyed, (a, b) =>
        {
            var c = a.Key.CompareTo(b.Key);
            return c != 0 ? c : a.Group.CompareTo(b.Group);
        });
        return keyed.Select(x => x.Host).ToArray();
    }

    private static List<IReadOnlyList<PlanTarget>> PlanWithAppCap(PlanTarget[] ordered, BatchPlan plan, decimal maxPerAppPercent)
    {
        var n = ordered.Length;
        var appSizes = ordered.GroupBy(t => t.App, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var caps = appSizes.ToDictionary(a => a.Key, a => Math.Max(1, (int)Math.Floor(maxPerAppPercent * a.Value / 100m)), StringComparer.Ordinal);
        var taken = new bool[n];
        var left = n;
        var first = 0; // first index not yet taken
        var result = new List<IReadOnlyList<PlanTarget>>();
        var inBatch = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var batchIndex = 0; left > 0; batchIndex++)
        {
            var want = Math.Min(plan.SizeOf(batchIndex, n), left);
            var batch = new List<PlanTarget>(want);
            inBatch.Clear();
            while (first < n && taken[first]) first++;
            for (var i = first; i < n && batch.Count < want; i++)
            {
                if (taken[i]) continue;
                var app = ordered[i].App;
                var count = inBatch.GetValueOrDefault(app);
                if (count >= caps[app]) continue;
                inBatch[app] = count + 1;
                taken[i] = true;
                batch.Add(ordered[i]);
            }
            left -= batch.Count;
            result.Add(batch);
        }
        return result;
    }
}
