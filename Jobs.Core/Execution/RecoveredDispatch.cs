namespace Jobs.Core.Execution;

/// <summary>What the executor says about a start request whose answer never reached JOBS.</summary>
public enum RecoveryVerdict
{
    /// <summary>The executor cannot tell (it keeps no record JOBS can search): the host's outcome stays unknown.</summary>
    Unknown = 0,

    /// <summary>The executor never took the request: nothing started, so the host may be sent again.</summary>
    NotReceived = 1,

    /// <summary>The executor took it: <see cref="RecoveredDispatch.Outcome"/> holds the reference (or the immediate result).</summary>
    Found = 2,
}

/// <summary>One host's answer to <see cref="IExecutor.RecoverAsync"/>.</summary>
public sealed record RecoveredDispatch(long HostTaskId, RecoveryVerdict Verdict, DispatchOutcome? Outcome = null)
{
    public static RecoveredDispatch Unknown(long hostTaskId) => new(hostTaskId, RecoveryVerdict.Unknown);

    public static RecoveredDispatch NotReceived(long hostTaskId) => new(hostTaskId, RecoveryVerdict.NotReceived);

    public static RecoveredDispatch Found(DispatchOutcome outcome) => new(outcome.HostTaskId, RecoveryVerdict.Found, outcome);
}
