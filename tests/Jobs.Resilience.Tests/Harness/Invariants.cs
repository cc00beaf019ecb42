using System.Text.Json.Nodes;

namespace Jobs.Resilience.Tests.Harness;

/// <summary>What a job must look like after kills, however they fell (issues 12 and 13).</summary>
public static class Invariants
{
    /// <summary>
    /// The job is terminal and its host counters add up; with a host log (the <c>local</c> executor): no host ran
    /// twice, every Succeeded host ran exactly once, and every other host is reported — Skipped, Canceled, or Failed
    /// with category System as "outcome unknown" (it may or may not have run; it was never run again). Nothing is lost.
    /// </summary>
    public static async Task<JobCheck> CheckAsync(JobsApi api, long jobId, HostLog? log)
    {
        var job = await api.GetJobAsync(jobId);
        var status = JobsApi.Status(job);
        Assert.True(JobsApi.Terminal.Contains(status), $"job {jobId} is {status}, not terminal: {job.ToJsonString()}");
        var hosts = await api.HostsAsync(jobId);
        var total = JobsApi.Total(job, "hosts");
        Assert.Equal(total, hosts.Count);
        Assert.Equal(total, JobsApi.Done(job));

        var problems = new List<string>();
        var runs = log?.Runs(jobId);
        foreach (var h in hosts)
        {
            var ran = runs?.GetValueOrDefault(h.Hostname) ?? -1;
            if (ran > 1) problems.Add($"{h.Hostname} ran {ran} times");
            switch (h.Status)
            {
                case "Succeeded" when runs is not null && ran != 1:
                    problems.Add($"{h.Hostname} is Succeeded but ran {ran} times");
                    break;
                case "Succeeded" or "Skipped" or "Canceled":
                    break;
                case "Failed" when h.Category == "System" && h.Stderr.Contains("outcome unknown", StringComparison.Ordinal):
                    break;
                default:
                    problems.Add($"{h.Hostname} is {h.Status}/{h.Category} ({h.Stderr}) — not an outcome a kill explains");
                    break;
            }
            if (h.Attempt != 1) problems.Add($"{h.Hostname} is at attempt {h.Attempt}; nothing retried it");
        }
        if (runs is not null)
        {
            var unknown = runs.Keys.Except(hosts.Select(h => h.Hostname), StringComparer.Ordinal).ToList();
            if (unknown.Count > 0) problems.Add($"ran but not a target of job {jobId}: {string.Join(", ", unknown.Take(5))}");
        }
        Assert.True(problems.Count == 0, $"job {jobId}: {problems.Count} problems:\n" + string.Join('\n', problems.Take(30)));
        return new JobCheck(jobId, status, hosts.Count,
            hosts.Count(h => h.Status == "Succeeded"),
            hosts.Count(h => h.Status == "Failed"),
            hosts.Count(h => h.Status is "Skipped" or "Canceled"));
    }
}

public sealed record JobCheck(long JobId, string Status, int Hosts, int Succeeded, int OutcomeUnknown, int SkippedOrCanceled)
{
    public override string ToString() =>
        $"job {JobId} {Status}: {Hosts} hosts, {Succeeded} succeeded, {OutcomeUnknown} outcome unknown, {SkippedOrCanceled} skipped/canceled";
}
