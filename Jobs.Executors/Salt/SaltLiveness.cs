using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Jobs.Core.Execution;
using Jobs.Executors.Http;

namespace Jobs.Executors.Salt;

/// <summary>
/// Asks the minions still out on a job whether they still run it — <c>saltutil.find_job</c> through the <c>local</c>
/// client, as the salt CLI does every <c>gather_job_timeout</c> — so a dead minion is reported within seconds instead
/// of after the whole host timeout (issue 11). A minion that answers (with the job, or <c>{}</c> because it just
/// finished) is alive and keeps its host timeout; one that does not answer is unreachable.
/// </summary>
/// <remarks>
/// Checked once a host has been out <see cref="FirstCheckAfter"/>, then at most every <see cref="Interval"/> per jid, so a
/// poll every second does not turn into a find_job every second. The last-check times live as long as their jid is
/// polled, plus an hour.
/// </remarks>
internal sealed class SaltLiveness(SaltApiClient api, TimeProvider time, int timeoutSeconds)
{
    internal static readonly TimeSpan FirstCheckAfter = TimeSpan.FromSeconds(5);
    internal static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Forget = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastCheck = new(StringComparer.Ordinal);

    /// <summary>Seconds the master waits for find_job answers; below the HTTP call's own timeout.</summary>
    public int GatherSeconds => Math.Clamp(timeoutSeconds - 1, 1, 5);

    /// <summary>The minions of <paramref name="jid"/> that did not answer find_job; empty when no check is due.</summary>
    public async Task<IReadOnlySet<string>> UnansweredAsync(string jid, IReadOnlyList<InFlightHost> stillOut, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (stillOut.Count == 0 || stillOut.Min(h => DateTime.SpecifyKind(h.StartedAt, DateTimeKind.Utc)) > now.UtcDateTime - FirstCheckAfter)
            return new HashSet<string>();
        if (_lastCheck.TryGetValue(jid, out var last) && now - last < Interval) return new HashSet<string>();
        _lastCheck[jid] = now;
        foreach (var old in _lastCheck.Where(kv => now - kv.Value > Forget).Select(kv => kv.Key).ToList()) _lastCheck.TryRemove(old, out _);

        var minions = stillOut.Select(h => SaltExecutor.ParseRef(h.ExternalRef).Minion).Distinct().ToList();
        var low = new JsonObject
        {
            ["client"] = "local",
            ["tgt"] = new JsonArray(minions.Select(m => (JsonNode)JsonValue.Create(m)).ToArray()),
            ["tgt_type"] = "list",
            ["fun"] = "saltutil.find_job",
            ["arg"] = new JsonArray(jid),
            ["timeout"] = GatherSeconds,
        };
        var ret = await api.RunAsync([low], CallKind.Read, $"saltutil.find_job {jid} on {minions.Count} minion(s)", ct).ConfigureAwait(false);
        // Released masters answer a silent minion with false, newer ones with a "Minion did not return" string, some omit it.
        var answers = ret.Count > 0 ? ret[0] as JsonObject : null;
        return minions.Where(m => answers?[m] is not JsonObject).ToHashSet(StringComparer.Ordinal);
    }
}
