using Jobs.Core.Domain;
using Microsoft.Extensions.Logging;

namespace Jobs.Core.Engine;

/// <summary>The engine's log messages (source-generated: steps run every second for every live job).</summary>
internal static partial class EngineLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} ({JobName}) started")]
    public static partial void Started(ILogger logger, long jobId, string jobName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} finished: {Status}")]
    public static partial void Completed(ILogger logger, long jobId, JobStatus status);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {JobId} batch {Batch}: dispatched {Count} hosts")]
    public static partial void Dispatched(ILogger logger, long jobId, int batch, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} batch {Batch} passed its gates: {Reason}")]
    public static partial void BatchPassed(ILogger logger, long jobId, int batch, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} batch {Batch} failed a gate: {Reason}; job is now {Status}")]
    public static partial void GateStopped(ILogger logger, long jobId, int batch, string reason, JobStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: retried batches passed their gates again; paused before batch {Batch}")]
    public static partial void PausedAfterRetry(ILogger logger, long jobId, int batch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: {Count} hosts were claimed without a reference (JOBS stopped mid-dispatch, or the answer was lost) and the executor cannot account for them; failed as outcome unknown")]
    public static partial void Orphans(ILogger logger, long jobId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: executor {Executor} unavailable: {Reason}")]
    public static partial void Unavailable(ILogger logger, long jobId, string executor, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {JobId}: executor {Executor} still unavailable: {Reason}")]
    public static partial void StillUnavailable(ILogger logger, long jobId, string executor, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: executor {Executor} is back; job resumed")]
    public static partial void AutoResumed(ILogger logger, long jobId, string executor);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId}: dispatch through {Executor} failed; the hosts are failed as outcome unknown")]
    public static partial void DispatchFailed(ILogger logger, Exception ex, long jobId, string executor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cancel through {Executor} failed for {Count} hosts")]
    public static partial void CancelFailed(ILogger logger, Exception ex, string executor, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {JobId} changed under a step (a control won the race); the next step carries on")]
    public static partial void Raced(ILogger logger, long jobId);

    // Debug: it repeats every step while the executor is down, and the outage itself is logged (and pauses the job) once.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {JobId}: {Count} host(s) claimed without a reference; {Executor} cannot be asked about them yet ({Reason}), asking again next step")]
    public static partial void RecoveryDeferred(ILogger logger, long jobId, string executor, int count, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: asked {Executor} about lost dispatches: {Found} found and recorded, {Resent} never received and pending again")]
    public static partial void Recovered(ILogger logger, long jobId, string executor, int found, int resent);
}
