using System.Globalization;

namespace Jobs.Bench.Scheduler;

/// <summary>
/// Figure 2: the same 1,000 local hosts, <c>/bin/true</c> on each, 1%,5%,10% — Ansible (forks) against JOBS' <c>local</c>
/// executor (parallelism), at equal parallelism (20) and each at its best setting.
/// </summary>
/// <remarks>
/// Ansible's best forks is looked for on a 100-host inventory (a full run takes minutes on two cores), then run on
/// the 1,000; JOBS' candidates all run on the 1,000. JOBS' time is the job's own (startedAt → finishedAt), Ansible's
/// the playbook process's wall time.
/// </remarks>
public static class AnsibleFigures
{
    public const int Hosts = 1_000;
    public const int EqualParallelism = 20;
    public const double TargetEqual = 10;
    public const double TargetBest = 50;
    private static readonly int[] AnsibleForks = [5, 20, 50];
    private const int ProbeHosts = 100;
    private static readonly int[] JobsParallelism = [20, 100, 1000];

    public static async Task RunAsync(JobsNode node, BenchReport report)
    {
        var jobs = new Dictionary<int, double>();
        foreach (var p in JobsParallelism) jobs[p] = await RunJobsAsync(node, p);
        var jobsBest = jobs.MinBy(kv => kv.Value);

        var ansible = await AnsibleRun.PrepareAsync(report);
        var probe = new Dictionary<int, double>();
        foreach (var f in AnsibleForks) probe[f] = (await ansible.RunAsync(ProbeHosts, f)).TotalSeconds;
        var bestForks = probe.MinBy(kv => kv.Value).Key;
        var full = new Dictionary<int, double> { [EqualParallelism] = (await ansible.RunAsync(Hosts, EqualParallelism)).TotalSeconds };
        if (bestForks != EqualParallelism) full[bestForks] = (await ansible.RunAsync(Hosts, bestForks)).TotalSeconds;
        var ansibleBest = full.MinBy(kv => kv.Value);

        var tried = string.Create(CultureInfo.InvariantCulture,
            $"JOBS tried {string.Join(", ", jobs.Select(kv => $"parallelism {kv.Key}: {kv.Value:0.0} s"))}; " +
            $"Ansible forks on {ProbeHosts} hosts {string.Join(", ", probe.Select(kv => $"{kv.Key}: {kv.Value:0.0} s"))}");
        report.Add(new Figure("2. vs Ansible", $"Ansible, {Hosts:N0} local hosts, forks {EqualParallelism}",
            Seconds(full[EqualParallelism]), Note: ansible.Version));
        report.Add(new Figure("2. vs Ansible", $"JOBS local, {Hosts:N0} hosts, parallelism {EqualParallelism}", Seconds(jobs[EqualParallelism])));
        var equal = full[EqualParallelism] / jobs[EqualParallelism];
        report.Add(new Figure("2. vs Ansible", $"ratio at equal parallelism ({EqualParallelism})", Ratio(equal),
            $"≥ {TargetEqual:0}×", equal >= TargetEqual));
        report.Add(new Figure("2. vs Ansible", $"Ansible at its best (forks {ansibleBest.Key})", Seconds(ansibleBest.Value)));
        report.Add(new Figure("2. vs Ansible", $"JOBS at its best (parallelism {jobsBest.Key})", Seconds(jobsBest.Value)));
        var best = ansibleBest.Value / jobsBest.Value;
        report.Add(new Figure("2. vs Ansible", "ratio best against best", Ratio(best), $"≥ {TargetBest:0}×", best >= TargetBest, tried));
    }

    private static async Task<double> RunJobsAsync(JobsNode node, int parallelism)
    {
        var (id, used, _) = await node.Api.CreateJobAsync(BenchInventory.Local($"bench {Hosts} local p{parallelism}", Hosts, parallelism, "/bin/true"));
        var (job, done) = await node.Api.WaitAsync(id, JobsApi.IsTerminal, TimeSpan.FromSeconds(150), TimeSpan.FromMilliseconds(100));
        if (!done || JobsApi.Total(job, "succeeded") != Hosts)
            throw new InvalidOperationException($"JOBS local job {id} (parallelism {used}) ended {JobsApi.Status(job)} with {JobsApi.Total(job, "succeeded")} of {Hosts} succeeded");
        return (JobsApi.Time(job, "finishedAt")!.Value - JobsApi.Time(job, "startedAt")!.Value).TotalSeconds;
    }

    private static string Seconds(double s) => string.Create(CultureInfo.InvariantCulture, $"{s:0.0} s");

    private static string Ratio(double r) => string.Create(CultureInfo.InvariantCulture, $"{r:0.0}×");
}
