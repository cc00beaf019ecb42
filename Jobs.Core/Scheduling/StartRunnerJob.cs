using Hangfire;

namespace Jobs.Core.Scheduling;

/// <summary>
/// The Hangfire job that gives a live JOBS job a runner: whichever node's worker picks it up starts the job's loop there
/// (<see cref="JobRunners.TryStartAsync"/>) and returns at once. Duplicates are harmless — the runner lease admits one
/// loop per job — so it is never retried; reconciliation enqueues it again when a job is left without a runner.
/// </summary>
public sealed class StartRunnerJob(JobRunners runners)
{
    public const string Queue = "runners";

    [Queue(Queue)]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [JobDisplayName("Run JOBS job {0}")]
    public Task StartAsync(long jobId, CancellationToken cancellationToken) => runners.TryStartAsync(jobId, cancellationToken);
}
