using System.Text.Json.Nodes;
using Jobs.Core.Execution;
using Jobs.Executors.Simulated;

namespace Jobs.Web.Tests.Engine;

/// <summary>
/// The simulator behind an API that can go down: while <see cref="Down"/> every call throws
/// <see cref="ExecutorUnavailableException"/> ("connection refused"), as salt-api or StackStorm adapters do.
/// </summary>
internal sealed class FlakyExecutor(SimulatedExecutor inner) : IExecutor
{
    public volatile bool Down;

    public string Name => "flaky";

    public ExecutorDescriptor Descriptor => inner.Descriptor with { Name = "flaky" };

    public SimulatedExecutor Inner => inner;

    public IReadOnlyList<string> ValidateParameters(JsonObject parameters) => inner.ValidateParameters(parameters);

    public Task<IReadOnlyList<DispatchOutcome>> StartAsync(IReadOnlyList<HostWork> work, CancellationToken cancellationToken) =>
        Down ? throw Refused() : inner.StartAsync(work, cancellationToken);

    public Task<IReadOnlyList<HostResult>> PollAsync(IReadOnlyList<InFlightHost> hosts, CancellationToken cancellationToken) =>
        Down ? throw Refused() : inner.PollAsync(hosts, cancellationToken);

    public Task CancelAsync(IReadOnlyList<InFlightHost> hosts, CancellationToken cancellationToken) => inner.CancelAsync(hosts, cancellationToken);

    public Task<ConnectionTestResult> TestConnectionAsync(CancellationToken cancellationToken) =>
        Down ? throw Refused() : inner.TestConnectionAsync(cancellationToken);

    private static ExecutorUnavailableException Refused() =>
        new("flaky", "flaky-api at http://127.0.0.1:1 unreachable: connection refused");
}

/// <summary>
/// Wall-clock time plus an offset the test moves forward. Used instead of <c>ManualClock</c> where the clock is shared
/// with Quartz inside the app (a frozen clock would stop its triggers): the bake test jumps 10 minutes without waiting.
/// </summary>
internal sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
