using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Jobs.Core.Domain;
using Jobs.Core.Execution;

namespace Jobs.Executors.Simulated;

/// <summary>
/// A made-up executor for demos and load tests: nothing runs anywhere. Each host "runs" for
/// <c>latencyMs ± jitterMs</c> and fails with probability <c>failureRate</c>; both are drawn from a random source
/// seeded by (seed, hostname, attempt), so the same job gives the same results. Every output line says
/// <c>[simulated]</c> and the descriptor is marked <see cref="ExecutorDescriptor.IsSimulation"/>.
/// </summary>
/// <remarks>
/// The external reference carries everything needed to finish the work after a restart:
/// <c>sim:v1:{startUnixMs}:{durationMs}:{exitCode}</c>. Poll compares it with the clock; there is no in-memory state,
/// so a new process reconciles a host the old one started without starting it again.
/// <see cref="Starts"/> counts start requests per (job, host, attempt) only when a test registered a
/// <see cref="SimulatedStartCounter"/>; otherwise nothing is kept.
/// </remarks>
public sealed class SimulatedExecutor(TimeProvider clock, SimulatedStartCounter? counter = null) : IExecutor, IPollTiming
{
    public const string ExecutorName = "simulated";
    private const string RefPrefix = "sim:v1:";

    public string Name => ExecutorName;

    public ExecutorDescriptor Descriptor { get; } = new(
        ExecutorName, "simulated",
        "Simulation: no command runs anywhere; results are made up (for demos and load tests).",
        "latencyMs (default 200), jitterMs (default 100), failureRate 0..1 (default 0), seed (default 1). " +
        "Example: {\"latencyMs\": 200, \"jitterMs\": 100, \"failureRate\": 0.02, \"seed\": 1}",
        "{\"latencyMs\": 200, \"jitterMs\": 100, \"failureRate\": 0.02, \"seed\": 1}",
        IsSimulation: true);

    /// <summary>How many times each (job, host, attempt) was started, when counted (see <see cref="SimulatedStartCounter"/>).</summary>
    public IReadOnlyDictionary<(long JobId, string Host, int Attempt), int> Starts =>
        counter?.Starts ?? new Dictionary<(long JobId, string Host, int Attempt), int>();

    public int TotalStarts => counter?.Total ?? 0;

    public IReadOnlyList<string> ValidateParameters(JsonObject parameters)
    {
        var errors = new List<string>();
        foreach (var (key, value) in parameters)
        {
            switch (key)
            {
                case "latencyMs" or "jitterMs":
                    if (!TryNumber(value, out var ms) || ms < 0 || ms > 3_600_000 || ms != Math.Floor(ms))
                        errors.Add($"{key} must be a whole number of milliseconds between 0 and 3600000.");
                    break;
                case "failureRate":
                    if (!TryNumber(value, out var rate) || rate < 0 || rate > 1)
                        errors.Add("failureRate must be a number between 0 and 1.");
                    break;
                case "seed":
                    if (!TryNumber(value, out var seed) || seed != Math.Floor(seed) || Math.Abs(seed) > int.MaxValue)
                        errors.Add("seed must be a whole number.");
                    break;
                default:
                    errors.Add($"Unknown parameter '{key}'; the simulator takes latencyMs, jitterMs, failureRate and seed.");
                    break;
            }
        }
        return errors;
    }

    public Task<IReadOnlyList<DispatchOutcome>> StartAsync(IReadOnlyList<HostWork> work, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var outcomes = new List<DispatchOutcome>(work.Count);
        counter?.Record(work);
        foreach (var w in work)
        {
            var p = Settings.From(w.Parameters);
            var random = new Random(StableSeed(p.Seed, w.Hostname, w.Attempt));
            var jitter = p.JitterMs == 0 ? 0 : random.Next(-p.JitterMs, p.JitterMs + 1);
            var duration = Math.Max(0, p.LatencyMs + jitter);
            var failed = random.NextDouble() < p.FailureRate;
            var exitCode = failed ? 1 + random.Next(0, 3) : 0;
            outcomes.Add(DispatchOutcome.Started(w.HostTaskId,
                string.Create(CultureInfo.InvariantCulture, $"{RefPrefix}{now.ToUnixTimeMilliseconds()}:{duration}:{exitCode}")));
        }
        return Task.FromResult<IReadOnlyList<DispatchOutcome>>(outcomes);
    }

    public Task<IReadOnlyList<HostResult>> PollAsync(IReadOnlyList<InFlightHost> hosts, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var results = new List<HostResult>(hosts.Count);
        foreach (var h in hosts)
        {
            if (!TryParseRef(h.ExternalRef, out var startMs, out var durationMs, out var exitCode))
            {
                results.Add(new HostResult(h.HostTaskId, HostStatus.Failed, null, null,
                    $"[simulated] unreadable external reference '{h.ExternalRef}'", ErrorCategory.System, now.UtcDateTime));
                continue;
            }
            var finishedAt = DateTimeOffset.FromUnixTimeMilliseconds(startMs + durationMs);
            if (finishedAt > now)
            {
                results.Add(HostResult.StillRunning(h.HostTaskId));
                continue;
            }
            results.Add(exitCode == 0
                ? new HostResult(h.HostTaskId, HostStatus.Succeeded, 0,
                    $"[simulated] {h.Hostname}: simulated run succeeded in {durationMs} ms (nothing was executed)", "",
                    null, finishedAt.UtcDateTime)
                : new HostResult(h.HostTaskId, HostStatus.Failed, exitCode, "",
                    $"[simulated] {h.Hostname}: simulated failure, exit code {exitCode} (nothing was executed)",
                    ErrorCategory.Environment, finishedAt.UtcDateTime));
        }
        return Task.FromResult<IReadOnlyList<HostResult>>(results);
    }

    /// <summary>Nothing runs, so nothing signals: results change only with the clock.</summary>
    public Task? NextChange => null;

    /// <summary>The earliest due time among the references (start + duration): the engine polls exactly then.</summary>
    public DateTimeOffset? NextDueAt(IReadOnlyList<InFlightHost> running)
    {
        long? earliest = null;
        foreach (var h in running)
        {
            if (TryParseRef(h.ExternalRef, out var startMs, out var durationMs, out _) && (earliest is null || startMs + durationMs < earliest))
                earliest = startMs + durationMs;
        }
        return earliest is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    /// <summary>Nothing runs, so there is nothing to stop.</summary>
    public Task CancelAsync(IReadOnlyList<InFlightHost> hosts, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<ConnectionTestResult> TestConnectionAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ConnectionTestResult(true, "Simulation: always available.", TimeSpan.Zero));

    internal static bool TryParseRef(string externalRef, out long startMs, out int durationMs, out int exitCode)
    {
        startMs = 0; durationMs = 0; exitCode = 0;
        if (!externalRef.StartsWith(RefPrefix, StringComparison.Ordinal)) return false;
        var parts = externalRef[RefPrefix.Length..].Split(':');
        return parts.Length == 3
            && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out startMs)
            && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out durationMs)
            && int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out exitCode);
    }

    /// <summary>FNV-1a over (seed, host, attempt): stable across processes and .NET versions, unlike string.GetHashCode.</summary>
    private static int StableSeed(int seed, string hostname, int attempt)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes($"{seed}|{hostname}|{attempt}"))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return (int)(hash ^ (hash >> 32));
    }

    private static bool TryNumber(JsonNode? node, out double value)
    {
        value = 0;
        return node is JsonValue v && (v.TryGetValue(out value) || (v.TryGetValue<int>(out var i) && (value = i) == i)
            || (v.TryGetValue<long>(out var l) && (value = l) == l) || (v.TryGetValue<decimal>(out var d) && (value = (double)d) == (double)d));
    }

    private sealed record Settings(int LatencyMs, int JitterMs, double FailureRate, int Seed)
    {
        public static Settings From(JsonObject p) => new(
            TryNumber(p["latencyMs"], out var l) ? (int)l : 200,
            TryNumber(p["jitterMs"], out var j) ? (int)j : 100,
            TryNumber(p["failureRate"], out var f) ? f : 0,
            TryNumber(p["seed"], out var s) ? (int)s : 1);
    }
}
