using Jobs.Core.Domain;
using Jobs.Core.Execution;

namespace Jobs.Executors.Http;

/// <summary>Pieces every HTTP executor shares: the clock, host deadlines and the handling of a partly failed dispatch.</summary>
public abstract class RemoteExecutorBase(ExecutorHttp http, TimeProvider time)
{
    protected ExecutorHttp Http { get; } = http;

    protected TimeProvider Time { get; } = time;

    public string Name => Http.ExecutorName;

    protected DateTime UtcNow => Time.GetUtcNow().UtcDateTime;

    /// <summary>True when the host has been running longer than its timeout.</summary>
    protected bool IsPastDeadline(InFlightHost host) => UtcNow - DateTime.SpecifyKind(host.StartedAt, DateTimeKind.Utc) > host.Timeout;

    protected static string Seconds(TimeSpan t) => $"{t.TotalSeconds:0} s";

    protected HostResult Finished(long hostTaskId, HostStatus status, int? exitCode, string? stdout, string? stderr,
        ErrorCategory? category, DateTime? finishedAt = null) =>
        new(hostTaskId, status, exitCode, OutputText.Cap(stdout), OutputText.Cap(stderr),
            status == HostStatus.Succeeded ? null : category, finishedAt ?? UtcNow);

    /// <summary>
    /// A start request whose answer was lost (<see cref="ExecutorOutcomeUnknownException"/>), or one not sent because the API
    /// went down after other hosts of the same dispatch started: the host stays claimed without a reference, and the engine
    /// asks <c>RecoverAsync</c> at its next step whether the executor took it (docs/decisions/0011).
    /// </summary>
    protected static DispatchOutcome AnswerLost(HostWork w) => DispatchOutcome.AnswerLost(w.HostTaskId);

    /// <summary>
    /// Dispatch is done in several calls (chunks or hosts). A call that may have started work without telling us
    /// (<see cref="ExecutorOutcomeUnknownException"/>) leaves its hosts to recovery (<see cref="AnswerLost"/>). When a call
    /// fails because the API is unavailable: if nothing (maybe) started yet, the exception propagates (the engine pauses the
    /// job and nothing is lost); if some work already started, its references must reach the engine, so the call returns
    /// them and leaves the rest to recovery too (it finds them not received, and they are sent again).
    /// </summary>
    protected async Task<IReadOnlyList<DispatchOutcome>> DispatchAllAsync<TGroup>(
        IReadOnlyList<TGroup> groups,
        Func<TGroup, IEnumerable<HostWork>> hostsOf,
        Func<TGroup, CancellationToken, Task<IReadOnlyList<DispatchOutcome>>> dispatch,
        CancellationToken cancellationToken)
    {
        var outcomes = new List<DispatchOutcome>();
        for (var i = 0; i < groups.Count; i++)
        {
            try
            {
                outcomes.AddRange(await dispatch(groups[i], cancellationToken).ConfigureAwait(false));
            }
            catch (ExecutorOutcomeUnknownException)
            {
                // This call may have started its hosts (ExecutorHttp logged why): never send them blindly; the engine asks which did.
                outcomes.AddRange(hostsOf(groups[i]).Select(AnswerLost));
            }
            catch (ExecutorUnavailableException) when (outcomes.Any(o => o.MayHaveStarted))
            {
                outcomes.AddRange(groups.Skip(i).SelectMany(hostsOf).Select(AnswerLost));
                break;
            }
        }
        return outcomes;
    }
}
