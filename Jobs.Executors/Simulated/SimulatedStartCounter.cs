using System.Collections.Concurrent;
using Jobs.Core.Execution;

namespace Jobs.Executors.Simulated;

/// <summary>
/// Counts the simulator's start requests per (job, host, attempt), so tests can prove no host ever starts twice.
/// Registered only by tests (a singleton of their host): production does not count, so nothing grows for the life of
/// the process; the counts live as long as the test host that registered the counter.
/// </summary>
public sealed class SimulatedStartCounter
{
    private readonly ConcurrentDictionary<(long JobId, string Host, int Attempt), int> _starts = new();

    public IReadOnlyDictionary<(long JobId, string Host, int Attempt), int> Starts => _starts;

    public int Total => _starts.Values.Sum();

    internal void Record(IEnumerable<HostWork> work)
    {
        foreach (var w in work) _starts.AddOrUpdate((w.JobId, w.Hostname, w.Attempt), 1, (_, n) => n + 1);
    }
}
