using Jobs.Core.Planning;

namespace Jobs.Core.Tests.Planning;

/// <summary>Properties of the planner over random host sets and plans (fixed seeds: deterministic, yet broad).</summary>
public sealed class BatchPlannerPropertyTests
{
    private static readonly string[] Plans = ["1%,5%,10%", "1", "10", "25%", "1,2,5%,50%", "3%", "100%", "7,13%", "0.5%,20%"];

    public static IEnumerable<object[]> Seeds() => Enumerable.Range(1, 40).Select(s => new object[] { s });

    private static List<PlanTarget> RandomTargets(Random r, out int n)
    {
        n = r.Next(1, 3000);
        var idcs = Enumerable.Range(0, r.Next(1, 6)).Select(i => $"idc{i}").ToArray();
        var apps = Enumerable.Range(0, r.Next(1, 9)).Select(i => $"app{i}").ToArray();
        // Skewed sizes: some clusters are much larger than others.
        return Enumerable.Range(0, n).Select(i => new PlanTarget($"h{i:D5}", $"10.0.{i / 256}.{i % 256}",
            idcs[Math.Min(idcs.Length - 1, (int)(Math.Pow(r.NextDouble(), 2) * idcs.Length))],
            "prod", apps[Math.Min(apps.Length - 1, (int)(Math.Pow(r.NextDouble(), 1.5) * apps.Length))])).ToList();
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Plan_RandomHostsAndPlans_EveryHostOnceAndSizesFollowThePlan(int seed)
    {
        var r = new Random(seed);
        var targets = RandomTargets(r, out var n);
        var plan = BatchPlan.Parse(Plans[r.Next(Plans.Length)]);

        var batches = BatchPlanner.Plan(targets, plan, stratify: r.Next(2) == 0, maxPerAppPercent: null);

        Assert.Equal(n, batches.Sum(b => b.Count));
        Assert.Equal(n, batches.SelectMany(b => b).Select(h => h.Hostname).Distinct().Count());
        Assert.Equal(plan.Sizes(n), batches.Select(b => b.Count));
        Assert.All(batches, b => Assert.NotEmpty(b));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Plan_Stratified_EveryPrefixHoldsEachClusterInProportion(int seed)
    {
        var r = new Random(seed);
        var targets = RandomTargets(r, out var n);
        var groups = targets.GroupBy(t => (t.Idc, t.App)).ToDictionary(g => g.Key, g => g.Count());

        var order = BatchPlanner.Stratify(targets);

        // After any prefix of length L, each (idc, app) group has floor/ceil of L × share, within one host.
        var seen = groups.Keys.ToDictionary(k => k, _ => 0);
        for (var i = 0; i < order.Length; i++)
        {
            seen[(order[i].Idc, order[i].App)]++;
            if (i % 97 != 0 && i != order.Length - 1) continue;
            foreach (var (key, size) in groups)
            {
                var expected = (i + 1) * (double)size / n;
                Assert.InRange(seen[key], expected - 1.0001, expected + 1.0001);
            }
        }
    }

    [Fact]
    public void Plan_StratifiedFirstBatch_TouchesEveryIdcAndApp()
    {
        var idcs = new[] { "sh1", "sh2", "bj1" };
        var apps = new[] { "order", "pay", "user", "search" };
        var targets = Enumerable.Range(0, 2000).Select(i => new PlanTarget($"h{i:D4}", "10.0.0.1", idcs[i % 3], "prod", apps[i / 3 % 4])).ToList();

        var first = BatchPlanner.Plan(targets, BatchPlan.Parse("1%,5%,10%"), stratify: true, maxPerAppPercent: null)[0];

        Assert.Equal(20, first.Count);
        Assert.Equal(idcs.Order(), first.Select(h => h.Idc).Distinct().Order());
        Assert.Equal(apps.Order(), first.Select(h => h.App).Distinct().Order());
    }

    [Fact]
    public void Plan_NotStratified_KeepsHostnameOrder()
    {
        var targets = new[] { "c", "a", "b" }.Select(h => new PlanTarget(h, "", "i", "e", "a")).ToList();

        var batches = BatchPlanner.Plan(targets, BatchPlan.Parse("2"), stratify: false, maxPerAppPercent: null);

        Assert.Equal(["a", "b"], batches[0].Select(h => h.Hostname));
        Assert.Equal(["c"], batches[1].Select(h => h.Hostname));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Plan_MaxPerAppPercent_NoBatchExceedsTheCapAndEveryHostRunsOnce(int seed)
    {
        var r = new Random(seed);
        var targets = RandomTargets(r, out var n);
        var plan = BatchPlan.Parse(Plans[r.Next(Plans.Length)]);
        var cap = (decimal)r.Next(5, 60);
        var appSizes = targets.GroupBy(t => t.App).ToDictionary(g => g.Key, g => g.Count());

        var batches = BatchPlanner.Plan(targets, plan, stratify: true, maxPerAppPercent: cap);

        Assert.Equal(n, batches.SelectMany(b => b).Select(h => h.Hostname).Distinct().Count());
        Assert.Equal(n, batches.Sum(b => b.Count));
        foreach (var batch in batches)
        {
            Assert.NotEmpty(batch);
            foreach (var app in batch.GroupBy(h => h.App))
                Assert.True(app.Count() <= Math.Max(1, (int)Math.Floor(cap * appSizes[app.Key] / 100m)),
                    $"batch takes {app.Count()} of {appSizes[app.Key]} hosts of {app.Key} (cap {cap}%)");
            Assert.True(batch.Count <= plan.SizeOf(batches.ToList().IndexOf(batch), n));
        }
    }

    [Fact]
    public void Plan_MaxPerAppPercentOnOneApp_AddsBatchesRatherThanExceed()
    {
        var targets = Enumerable.Range(0, 100).Select(i => new PlanTarget($"h{i:D3}", "", "i", "e", "only")).ToList();

        var batches = BatchPlanner.Plan(targets, BatchPlan.Parse("50%"), stratify: true, maxPerAppPercent: 10);

        Assert.Equal(10, batches.Count);
        Assert.All(batches, b => Assert.Equal(10, b.Count));
    }

    [Fact]
    public void Plan_SameInput_SamePlan()
    {
        var targets = RandomTargets(new Random(3), out _);
        var a = BatchPlanner.Plan(targets, BatchPlan.Parse("1%,10%"), true, 20);
        var b = BatchPlanner.Plan(targets.AsEnumerable().Reverse().ToList(), BatchPlan.Parse("1%,10%"), true, 20);

        Assert.Equal(a.Select(x => x.Select(h => h.Hostname)), b.Select(x => x.Select(h => h.Hostname)));
    }
}
