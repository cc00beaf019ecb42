using System.Globalization;
using System.Text.Json.Nodes;
using Jobs.Core.Execution;
using Jobs.Executors.Http;
using Microsoft.Extensions.Logging;

namespace Jobs.Executors.Salt;

/// <summary>
/// Finds a <c>local_async</c> publish whose answer was lost. Every publish carries <c>metadata</c> naming the JOBS job and
/// the host tasks (with their attempt) it targets; the master keeps it in the job cache, and the <c>jobs.list_jobs</c>
/// runner filters on it (<c>search_metadata</c>) and returns it as <c>Metadata</c> with the job's <c>Target</c>
/// (SALT.md §4, <c>salt/runners/jobs.py</c>). A host task in no cached job was never published; a found job's
/// <c>Minions</c> (<c>GET /jobs/{jid}</c>) say whether the master targeted the host.
/// </summary>
internal sealed partial class SaltRecovery(SaltApiClient api, ILogger logger)
{
    public const string JobKey = "jobs-job";
    public const string HostsKey = "jobs-hosts";

    public sealed record FoundJob(string Jid, IReadOnlySet<string> Minions);

    /// <summary><c>{"jobs-job": "42", "jobs-hosts": ["1001.1", "1002.1"]}</c>: host task id and attempt of each host.</summary>
    public static JsonObject Metadata(IEnumerable<HostWork> hosts)
    {
        var list = hosts.ToList();
        return new JsonObject
        {
            [JobKey] = list[0].JobId.ToString(CultureInfo.InvariantCulture),
            [HostsKey] = new JsonArray(list.Select(w => (JsonNode)JsonValue.Create(Key(w))).ToArray()),
        };
    }

    private static string Key(HostWork w) => string.Create(CultureInfo.InvariantCulture, $"{w.HostTaskId}.{w.Attempt}");

    /// <summary>Host task id → the job that carried it, for the hosts of <paramref name="work"/> the master has a job for.</summary>
    public async Task<IReadOnlyDictionary<long, FoundJob>> FindAsync(IReadOnlyList<HostWork> work, CancellationToken ct)
    {
        var found = new Dictionary<long, FoundJob>();
        foreach (var byJob in work.GroupBy(w => w.JobId))
        {
            var jobs = await ListJobsAsync(byJob.Key, ct).ConfigureAwait(false);
            var wanted = byJob.ToDictionary(Key, w => w.HostTaskId);
            foreach (var (jid, entry) in jobs)
            {
                var carried = (entry?["Metadata"]?[HostsKey] as JsonArray ?? []).Select(k => k?.ToString() ?? "").Where(wanted.ContainsKey).ToList();
                if (carried.Count == 0) continue;
                var info = await api.JobAsync(jid, ct).ConfigureAwait(false);
                var minions = (info["Minions"] as JsonArray ?? []).Select(m => m?.ToString() ?? "").ToHashSet(StringComparer.Ordinal);
                foreach (var k in carried) found[wanted[k]] = new FoundJob(jid, minions);
            }
            LogLookedUp(logger, api.ExecutorName, byJob.Key, byJob.Count(), byJob.Count(w => found.ContainsKey(w.HostTaskId)));
        }
        return found;
    }

    /// <summary><c>jobs.list_jobs</c> through the <c>runner</c> client, filtered on the job's metadata: jid → job summary.</summary>
    private async Task<JsonObject> ListJobsAsync(long jobId, CancellationToken ct)
    {
        var low = new JsonObject
        {
            ["client"] = "runner",
            ["fun"] = "jobs.list_jobs",
            ["kwarg"] = new JsonObject { ["search_metadata"] = new JsonObject { [JobKey] = jobId.ToString(CultureInfo.InvariantCulture) } },
        };
        var what = $"runner jobs.list_jobs for JOBS job {jobId}";
        var ret = await api.RunAsync([low], CallKind.Read, what, ct).ConfigureAwait(false);
        return ret.Count > 0 && ret[0] is JsonObject jobs
            ? jobs
            : throw new ExecutorUnavailableException(api.ExecutorName, $"{api.Describe} answered {what} without a job list");
    }

    [LoggerMessage(EventId = 5104, Level = LogLevel.Information,
        Message = "Executor {Executor}: looked up lost publishes of JOBS job {JobId}: {Found} of {Hosts} host(s) found in the job cache")]
    private static partial void LogLookedUp(ILogger logger, string executor, long jobId, int hosts, int found);
}
