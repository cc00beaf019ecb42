using System.Linq.Expressions;

namespace Jobs.Core.Domain;

// All state enums of the job aggregate. Values are explicit and stored as strings (max 32 chars);
// the operator-facing wording lives in StatusText (one mapping for UI, API and export).

/// <summary>Lifecycle of a job.</summary>
public enum JobStatus
{
    /// <summary>Created; waits for <c>StartAt</c>.</summary>
    Scheduled = 0,
    /// <summary>Batches are being dispatched, verified or baked.</summary>
    Running = 1,
    /// <summary>A manual-approval gate passed its checks; waits for an operator before the next batch.</summary>
    AwaitingApproval = 2,
    /// <summary>Stopped by an operator or by a failed gate (see <c>StopReason</c>); in-flight hosts finish, no new host starts.</summary>
    Paused = 3,
    /// <summary>Terminal: every host succeeded.</summary>
    Succeeded = 4,
    /// <summary>Terminal: every batch ran, some hosts failed or timed out.</summary>
    CompletedWithFailures = 5,
    /// <summary>Terminal: aborted by an operator or by a failed gate with <c>onGateFailure = abort</c>.</summary>
    Aborted = 6,
}

/// <summary>Lifecycle of one batch.</summary>
public enum BatchStatus
{
    Pending = 0,
    Running = 1,
    /// <summary>Every host finished; gates (bake, probes, approval) are being evaluated.</summary>
    Verifying = 2,
    Succeeded = 3,
    /// <summary>Its gates failed.</summary>
    Failed = 4,
    Aborted = 5,
    /// <summary>Never started because the job was aborted first.</summary>
    Skipped = 6,
}

/// <summary>Lifecycle of one host within a job.</summary>
public enum HostStatus
{
    Pending = 0,
    Running = 1,
    Succeeded = 2,
    Failed = 3,
    TimedOut = 4,
    Canceled = 5,
    Skipped = 6,
}

/// <summary>Whom to call when a host did not succeed.</summary>
public enum ErrorCategory
{
    /// <summary>The host's fault: unreachable, no response, timeout, non-zero exit.</summary>
    Environment = 0,
    /// <summary>Our fault or the executor's: API down or refusing, bad configuration, lost state.</summary>
    System = 1,
}

/// <summary>Who stopped a job; decides whether the engine may resume it on its own.</summary>
public enum JobStopKind
{
    /// <summary>An operator paused or aborted it.</summary>
    Operator = 0,
    /// <summary>A health gate failed.</summary>
    Gate = 1,
    /// <summary>The executor's API was unreachable; the engine resumes the job once it answers again.</summary>
    System = 2,
}

/// <summary>What a failed gate does to the job.</summary>
public enum GateFailureAction
{
    Pause = 0,
    Abort = 1,
}

/// <summary>Status sets used both in memory and in EF queries (<c>JobStatuses.Terminal.Contains(j.Status)</c>
/// translates to <c>IN (…)</c> on every provider), so each set is written once.</summary>
public static class JobStatuses
{
    /// <summary>Nothing will happen to the job again.</summary>
    public static readonly JobStatus[] Terminal = [JobStatus.Succeeded, JobStatus.CompletedWithFailures, JobStatus.Aborted];

    /// <summary>Jobs the scheduler must keep ticking: work to start or do, or a system-fault pause whose executor the
    /// engine keeps asking about (it resumes on its own). An expression so EF queries use the very same rule.</summary>
    public static readonly Expression<Func<Job, bool>> NeedsTicks =
        j => j.Status == JobStatus.Scheduled || j.Status == JobStatus.Running
             || (j.Status == JobStatus.Paused && j.StopKind == JobStopKind.System);

    private static readonly Func<Job, bool> NeedsTicksCompiled = NeedsTicks.Compile();

    public static bool NeedsTicking(Job job) => NeedsTicksCompiled(job);
}

public static class StateExtensions
{
    public static bool IsTerminal(this JobStatus s) => Array.IndexOf(JobStatuses.Terminal, s) >= 0;

    public static bool IsTerminal(this HostStatus s) =>
        s is HostStatus.Succeeded or HostStatus.Failed or HostStatus.TimedOut or HostStatus.Canceled or HostStatus.Skipped;

    public static bool IsFinished(this BatchStatus s) =>
        s is BatchStatus.Succeeded or BatchStatus.Failed or BatchStatus.Aborted or BatchStatus.Skipped;
}
