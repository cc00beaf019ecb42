using System.Text.Json.Nodes;
using Jobs.Core.Domain;
using Jobs.Core.Execution;

namespace Jobs.Core.Tests.Engine;

/// <summary>
/// A deterministic executor for engine tests: a host's work takes <see cref="Duration"/> on the test's clock and ends
/// as <see cref="Outcome"/> says for (hostname, attempt) — <see cref="HostStatus.Running"/> means it never ends (for
/// timeouts). While <see cref="Down"/> every call is refused as an unreachable executor API would be.
/// </summary>
internal sealed class ScriptedExecutor(TimeProvider clock) : IExecutor, IPollTiming
{
    private TaskCompletionSource _change = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public const string ExecutorName = "scripted";

    public Func<string, int, HostStatus> Outcome { get; set; } = (_, _) => HostStatus.Succeeded;

    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(1);

    public bool Down { get; set; }

    public List<(string Host, int Attempt)> Started { get; } = [];

    public List<string> Canceled { get; } = [];

    public string Name => ExecutorName;

    public ExecutorDescriptor Descriptor { get; } = new(ExecutorName, "test", "Deterministic test executor", "{}", "{}");

    public IReadOnlyList<string> ValidateParameters(JsonObject parameters) => [];

    public Task<IReadOnlyList<DispatchOutcome>> StartAsync(IReadOnlyList<HostWork> work, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        var now = clock.GetUtcNow().UtcTicks;
        lock (Started) Started.AddRange(work.Select(w => (w.Hostname, w.Attempt)));
        return Task.FromResult<IReadOnlyList<DispatchOutcome>>(
            work.Select(w => DispatchOutcome.Started(w.HostTaskId, $"{w.Hostname}|{w.Attempt}|{now}")).ToList());
    }

    public Task<IReadOnlyList<HostResult>> PollAsync(IReadOnlyList<InFlightHost> hosts, CancellationToken cancellationToken)
    {
        ThrowIfDown();
        var now = clock.GetUtcNow();
        return Task.FromResult<IReadOnlyList<HostResult>>(hosts.Select(h =>
        {
            var parts = h.ExternalRef.Split('|');
            var attempt = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            var startedAt = new DateTimeOffset(long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero);
            var outcome = Outcome(parts[0], attempt);
            if (now - startedAt < Duration || outcome == HostStatus.Running) return HostResult.StillRunning(h.HostTaskId);
            return new HostResult(h.HostTaskId, outcome, outcome == HostStatus.Succeeded ? 0 : 1,
                Stderr: outcome == HostStatus.Succeeded ? null : "scripted failure", FinishedAt: now.UtcDateTime);
        }).ToList());
    }

    /// <summary>Completes at the next <see cref="SignalChange"/> (as the local executor's does when a process exits).</summary>
    public Task? NextChange => Volatile.Read(ref _change).Task;

    /// <summary>Each host is due <see cref="Duration"/> after its start (hosts that never end are not due).</summary>
    public DateTimeOffset? NextDueAt(IReadOnlyList<InFlightHost> running)
    {
        var due = running.Select(h => h.ExternalRef.Split('|'))
            .Where(p => Outcome(p[0], int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)) != HostStatus.Running)
            .Select(p => new DateTimeOffset(long.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero) + Duration)
            .ToList();
        return due.Count > 0 ? due.Min() : null;
    }

    /// <summary>Tells a waiting loop that some work changed (then a new signal takes its place).</summary>
    public void SignalChange() =>
        Interlocked.Exchange(ref _change, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>When set, a cancel fails with this message (the executor's API refused or was unreachable).</summary>
    public string? CancelFailure { get; set; }

    public Task CancelAsync(IReadOnlyList<InFlightHost> hosts, CancellationToken cancellationToken)
    {
        if (CancelFailure is { } failure) throw new HttpRequestException(failure);
        lock (Canceled) Canceled.AddRange(hosts.Select(h => h.Hostname));
        return Task.CompletedTask;
    }

    public Task<ConnectionTestResult> TestConnectionAsync(CancellationToken cancellationToken)
    {
        ThrowIfDown();
        return Task.FromResult(new ConnectionTestResult(true, "ok", TimeSpan.Zero));
    }

    private void ThrowIfDown()
    {
        if (Down) throw new ExecutorUnavailableException(ExecutorName, "scripted-api at http://127.0.0.1:1 unreachable: connection refused");
    }
}
