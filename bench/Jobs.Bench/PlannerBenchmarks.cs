using BenchmarkDotNet.Attributes;
using Jobs.Core.Planning;

namespace Jobs.Bench;

/// <summary>Planning 100,000 hosts (12 IDC × app groups of uneven size) with the plans operators use.</summary>
[MemoryDiagnoser]
public class PlannerBenchmarks
{
    private List<PlanTarget> _targets = [];
    private readonly BatchPlan _plan = BatchPlan.Parse("1%,5%,10%");

    [GlobalSetup]
    public void Setup()
    {
        var idcs = new[] { "sh1", "sh2", "bj1" };
        var apps = new[] { "order-api", "pay-api", "user-api", "search" };
        _targets = Enumerable.Range(0, 100_000)
            .Select(i => new PlanTarget($"host-{i:D6}", "10.0.0.1", idcs[i * 7 % 3], "prod", apps[i % 11 % 4])).ToList();
    }

    [Benchmark]
    public int Stratified() => BatchPlanner.Plan(_targets, _plan, stratify: true, maxPerAppPercent: null).Count;

    [Benchmark]
    public int StratifiedWithAppCap() => BatchPlanner.Plan(_targets, _plan, stratify: true, maxPerAppPercent: 5).Count;

    [Benchmark]
    public int HostnameOrder() => BatchPlanner.Plan(_targets, _plan, stratify: false, maxPerAppPercent: null).Count;
}
