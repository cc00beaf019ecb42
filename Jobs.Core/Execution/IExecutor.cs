using System.Text.Json.Nodes;
using Jobs.Core.Domain;

namespace Jobs.Core.Execution;

/// <summary>
/// Runs one host's work on some system (salt-api, StackStorm, an agent, a local process, a simulator).
/// One instance per configured executor name. Calls take lists so that an executor can dispatch a chunk
/// of hosts in one request; the engine never sends the same host twice.
/// </summary>
/// <remarks>
/// Contract:
/// <list type="bullet">
/// <item><see cref="StartAsync"/> returns, for every work item, either an external reference (work started) or an
/// immediate terminal result (it could not start on that host). The engine persists each reference before it counts
/// the dispatch as done, and after a restart only ever calls <see cref="PollAsync"/> with it — never starts again.</item>
/// <item>When the executor's own API is down or refusing (connection refused, 5xx, auth failure), throw
/// <see cref="ExecutorUnavailableException"/> instead of failing hosts: the engine pauses the job with a System reason.</item>
/// <item>Outputs are capped with <see cref="Domain.OutputText.Cap"/>.</item>
/// </list>
/// </remarks>
public interface IExecutor
{
    /// <summary>The configured instance name (what a job's <c>executor</c> field holds).</summary>
    string Name { get; }

    ExecutorDescriptor Descriptor { get; }

    /// <summary>Checks a job's parameters (placeholders not yet rendered). Empty = valid. Messages name the parameter.</summary>
    IReadOnlyList<string> ValidateParameters(JsonObject parameters);

    Task<IReadOnlyList<DispatchOutcome>> StartAsync(IReadOnlyList<HostWork> work, CancellationToken cancellationToken);

    /// <summary>Current state of in-flight hosts. A host whose work is still going is returned with <see cref="HostResult.IsFinished"/> false (or omitted).</summary>
    Task<IReadOnlyList<HostResult>> PollAsync(IReadOnlyList<InFlightHost> hosts, CancellationToken cancellationToken);

    /// <summary>Best-effort cancellation of in-flight hosts (abort). Must not throw for work that already finished.</summary>
    Task CancelAsync(IReadOnlyList<InFlightHost> hosts, CancellationToken cancellationToken);

    /// <summary>
    /// Asks the executor whether start requests reached it, for hosts that were claimed but have no reference: the answer
    /// was lost (<see cref="DispatchOutcome.Unsettled"/>) or JOBS stopped during the dispatch. <see cref="HostWork"/> is
    /// rebuilt from the host row, so <see cref="HostWork.Attempt"/> matches the attempt that was sent. The default (for
    /// executors that keep no record JOBS can search: local, simulated) answers <see cref="RecoveryVerdict.Unknown"/>,
    /// and those hosts are failed as "outcome unknown". See docs/decisions/0011-recovering-lost-dispatches.md.
    /// </summary>
    /// <exception cref="ExecutorUnavailableException">The executor cannot be asked right now: the hosts stay as they are
    /// and are asked about again at the next step.</exception>
    Task<IReadOnlyList<RecoveredDispatch>> RecoverAsync(IReadOnlyList<HostWork> work, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RecoveredDispatch>>(work.Select(w => RecoveredDispatch.Unknown(w.HostTaskId)).ToList());

    /// <summary>Log in and make one harmless call: the Settings page's Test connection, and the engine asking whether
    /// the executor of a job paused by a system fault is back.</summary>
    Task<ConnectionTestResult> TestConnectionAsync(CancellationToken cancellationToken);
}

/// <summary>What the UI and API show about an executor.</summary>
/// <param name="Name">Instance name.</param>
/// <param name="Type"><c>salt</c>, <c>stackstorm</c>, <c>agent</c>, <c>local</c> or <c>simulated</c>.</param>
/// <param name="Description">One line for the wizard.</param>
/// <param name="ParameterHelp">Help for the parameters JSON, with an example.</param>
/// <param name="ExampleParameters">A valid parameters object to prefill the wizard with.</param>
/// <param name="IsSimulation">True for the simulator: its results are made up, and the UI says so.</param>
/// <param name="Endpoint">Base URL or similar, for display (never credentials).</param>
/// <param name="RunsOnJobsMachine">True for the local executor: its commands run on the JOBS server itself, so only
/// Admins may create jobs with it.</param>
public sealed record ExecutorDescriptor(
    string Name,
    string Type,
    string Description,
    string ParameterHelp,
    string ExampleParameters,
    bool IsSimulation = false,
    string? Endpoint = null,
    bool RunsOnJobsMachine = false);

/// <summary>One host's work, with parameters already rendered for this host.</summary>
public sealed record HostWork(
    long HostTaskId,
    long JobId,
    int BatchIndex,
    int Attempt,
    string Hostname,
    string Ip,
    JsonObject Parameters,
    TimeSpan Timeout);

/// <summary>Outcome of a start request for one host: an external reference, or an immediate final result.</summary>
public sealed record DispatchOutcome(long HostTaskId, string? ExternalRef, HostResult? ImmediateResult = null)
{
    /// <summary>
    /// The start request was sent but its answer was lost (timeout, dropped connection, 5xx): the work may be running
    /// without a reference. Such a host is finished with <see cref="ImmediateResult"/> and never sent again automatically.
    /// </summary>
    public bool OutcomeUnknown { get; private init; }

    /// <summary>
    /// The start request's answer was lost, but the executor can be asked later whether it took the request
    /// (<see cref="IExecutor.RecoverAsync"/>): the host stays claimed without a reference and the engine asks at its next step.
    /// </summary>
    public bool Unsettled { get; private init; }

    /// <summary>True for a started host, or one whose start request may have started it.</summary>
    public bool MayHaveStarted => ExternalRef is not null || OutcomeUnknown || Unsettled;

    public static DispatchOutcome Started(long hostTaskId, string externalRef) => new(hostTaskId, externalRef);

    public static DispatchOutcome NotStarted(long hostTaskId, HostResult result) => new(hostTaskId, null, result);

    public static DispatchOutcome Unknown(long hostTaskId, HostResult result) => new(hostTaskId, null, result) { OutcomeUnknown = true };

    public static DispatchOutcome AnswerLost(long hostTaskId) => new(hostTaskId, null) { Unsettled = true };
}

/// <summary>A host the engine has dispatched and not yet seen finish.</summary>
public sealed record InFlightHost(long HostTaskId, string Hostname, string ExternalRef, DateTime StartedAt, TimeSpan Timeout);

/// <summary>A host's result. <see cref="Status"/> is <see cref="HostStatus.Running"/> while work goes on.</summary>
public sealed record HostResult(
    long HostTaskId,
    HostStatus Status,
    int? ExitCode = null,
    string? Stdout = null,
    string? Stderr = null,
    ErrorCategory? Category = null,
    DateTime? FinishedAt = null)
{
    public bool IsFinished => Status.IsTerminal();

    public static HostResult StillRunning(long hostTaskId) => new(hostTaskId, HostStatus.Running);
}

public sealed record ConnectionTestResult(bool Ok, string Message, TimeSpan Elapsed);

/// <summary>The executor's own API cannot be used (down, refusing, misconfigured). Not the host's fault.</summary>
public sealed class ExecutorUnavailableException(string executorName, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public string ExecutorName { get; } = executorName;
}

/// <summary>Finds configured executors by name.</summary>
public interface IExecutorRegistry
{
    IReadOnlyList<ExecutorDescriptor> All { get; }

    /// <summary>Null when no executor of that name is configured.</summary>
    IExecutor? Find(string name);
}
