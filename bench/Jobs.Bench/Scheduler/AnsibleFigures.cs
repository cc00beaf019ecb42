using System.Globalization;

namespace Jobs.Bench.Scheduler;

/// <summary>
/// Figure 2: the same 1,000 local hosts, <c>/bin/true</c> on each, 1%,5%,10% — Ansible (forks) against JOBS' <c>local</c>
/// executor (parallelism), at equal parallelism (20) and each at its best setting.
/// </summary>
/// <remarks>
/// Ansible's best forks is looked for on a 100-host inventory (a full run takes minutes on two cores), then run on
/// the 1,000; JOBS' candidates all run on the 1,000. JOBS' time is the job's own (startedAt → finishedAt), Ansible's
/// the playbook process's wall time. Each Ansible run has a cap so the command stays within its time on a busy
/// machine; a run stopped at its cap is reported as "&gt; cap" and its ratio as a lower bound.
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
    private static readonly TimeSpan ProbeCap = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan FullCap = TimeSpan.FromSeconds(180);

    public static async Task RunAsync(JobsNode node, BenchReport report)
    {
        var jobs = new Dictionary<int, double>();
        foreach (var p in JobsParallelism) jobs[p] = await RunJobsAsync(node, p);
        var jobsBest = jobs.MinBy(kv => kv.Value);

        var ansible = await AnsibleRun.PrepareAsync(report);
        var probe = new Dictionary<int, AnsibleResult>();
        foreach (var f in AnsibleForks) probe[f] = await ansible.RunAsync(ProbeHosts, f, ProbeCap);
        var bestForks = probe.MinBy(kv => kv.Value.SecondsPerHost).Key;
        var full = new Dictionary<int, AnsibleResult> { [EqualParallelism] = await ansible.RunAsync(Hosts, EqualParallelism, FullCap) };
        if (bestForks != EqualParallelism) full[bestForks] = await ansible.RunAsync(Hosts, bestForks, FullCap);
        var ansibleBest = full.MinBy(kv => kv.Value.SecondsPerHost);

        var tried = string.Create(CultureInfo.InvariantCulture,
            $"JOBS tried {string.Join(", ", jobs.Select(kv => $"parallelism {kv.Key}: {kv.Value:0.0} s"))}; " +
            $"Ansible forks on {ProbeHosts} hosts {string.Join(", ", probe.Select(kv => $"{kv.Key}: {kv.Value.Describe()}"))}; " +
            $"load average at the end {BenchReport.LoadAverage()}");
        report.Add(new Figure("2. vs Ansible", $"Ansible, {Hosts:N0} local hosts, forks {EqualParallelism}",
            full[EqualParallelism].Describe(), Note: ansible.Version));
        report.Add(new Figure("2. vs Ansible", $"JOBS local, {Hosts:N0} hosts, parallelism {EqualParallelism}", Seconds(jobs[EqualParallelism])));
        report.Add(RatioFigure($"ratio at equal parallelism ({EqualParallelism})", full[EqualParallelism], jobs[EqualParallelism], TargetEqual, ""));
        report.Add(new Figure("2. vs Ansible", $"Ansible at its best (forks {ansibleBest.Key})", ansibleBest.Value.Describe()));
        report.Add(new Figure("2. vs Ansible", $"JOBS at its best (parallelism {jobsBest.Key})", Seconds(jobsBest.Value)));
        report.Add(RatioFigure("ratio best against best", ansibleBest.Value, jobsBest.Value, TargetBest, tried));
    }

    /// <summary>Ansible's time over JOBS'; when Ansible was stopped at its cap the ratio is a lower bound ("≥").</summary>
    private static Figure RatioFigure(string name, AnsibleResult ansible, double jobs, double target, string note)
    {
        var ratio = ansible.Seconds / jobs;
        bool? met = ratio >= target ? true : ansible.Capped ? null : false;
        var measured = string.Create(CultureInfo.InvariantCulture, $"{(ansible.Capped ? "≥ " : "")}{ratio:0.0}×");
        if (ansible.Capped && met is null) note = "undecided: Ansible did not finish within its cap. " + note;
        return new Figure("2. vs Ansible", name, measured, $"≥ {target:0}×", met, note);
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

}
