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

    /// <summary>The hosts of a start request whose answer was lost: failed, System, never sent again automatically.</summary>
    protected DispatchOutcome OutcomeUnknown(HostWork w, ExecutorOutcomeUnknownException ex) =>
        DispatchOutcome.Unknown(w.HostTaskId, Finished(w.HostTaskId, HostStatus.Failed, null, null, ex.Message, ErrorCategory.System));

    /// <summary>
    /// Dispatch is done in several calls (chunks or hosts). A call that may have started work without telling us
    /// (<see cref="ExecutorOutcomeUnknownException"/>) fails its hosts as "outcome unknown", System. When a call fails
    /// because the API is unavailable: if nothing (maybe) started yet, the exception propagates (the engine pauses the job and nothing is lost); if some work already started,
    /// its references must reach the engine, so the call returns them and marks the rest failed with a System category
    /// and the reason (retry-failed runs them again once the API is back).
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
            catch (ExecutorOutcomeUnknownException ex)
            {
                // This call may have started its hosts: never send them again; fail them as outcome unknown and go on.
                outcomes.AddRange(hostsOf(groups[i]).Select(w => OutcomeUnknown(w, ex)));
            }
            catch (ExecutorUnavailableException ex) when (outcomes.Any(o => o.MayHaveStarted))
            {
                foreach (var w in groups.Skip(i).SelectMany(hostsOf))
                {
                    outcomes.Add(DispatchOutcome.NotStarted(w.HostTaskId,
                        Finished(w.HostTaskId, HostStatus.Failed, null, null, "not started: " + ex.Message, ErrorCategory.System)));
                }
                break;
            }
        }
        return outcomes;
    }
}
