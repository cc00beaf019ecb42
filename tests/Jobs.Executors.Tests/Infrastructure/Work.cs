using System.Text.Json.Nodes;
using Jobs.Core.Execution;

namespace Jobs.Executors.Tests.Infrastructure;

public static class Work
{
    public static HostWork For(long id, string host, string parametersJson, TimeSpan? timeout = null, int attempt = 1) =>
        new(id, 7, 0, attempt, host, "10.0.0." + id, (JsonObject)JsonNode.Parse(parametersJson)!, timeout ?? TimeSpan.FromSeconds(60));

    public static InFlightHost InFlight(DispatchOutcome o, HostWork w, DateTime? startedAt = null) =>
        new(o.HostTaskId, w.Hostname, o.ExternalRef!, startedAt ?? DateTime.UtcNow, w.Timeout);

    /// <summary>Polls until every host is finished (or <paramref name="within"/> passes) and returns the final results.</summary>
    public static async Task<IReadOnlyList<HostResult>> PollUntilDoneAsync(IExecutor executor, IReadOnlyList<InFlightHost> hosts, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var results = await executor.PollAsync(hosts, CancellationToken.None);
            if (results.Count == hosts.Count && results.All(r => r.IsFinished)) return results;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("hosts still running: " + string.Join(", ", results.Where(r => !r.IsFinished).Select(r => r.HostTaskId)));
            await Task.Delay(50);
        }
    }
}
