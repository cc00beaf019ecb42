using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jobs.Core.Engine;

/// <summary>
/// Runs one job's steps (<see cref="JobEngine.StepAsync"/>, each in its own DI scope) until the job goes idle —
/// paused, awaiting approval, or over — or <paramref name="ct"/> is canceled. The scheduler calls it for one job at a
/// time per job (it holds the job's runner lease); what runs the loop and where is the scheduler's business.
/// </summary>
public sealed partial class JobLoop(IServiceScopeFactory scopes, IOptions<SchedulerOptions> options, Persistence.DatabaseOutage outage,
    ILogger<JobLoop> logger)
{
    /// <summary>Steps the job until it is idle (returns <see cref="StepResult.Idle"/>) or the token is canceled.</summary>
    public async Task<StepResult> RunAsync(long jobId, CancellationToken ct)
    {
        var wait = TimeSpan.FromMilliseconds(Math.Max(1, options.Value.TickMilliseconds));
        var outageSteps = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<JobEngine>().StepAsync(jobId, ct);
                outage.Recovered();
                outageSteps = 0;
                if (result == StepResult.Idle) return StepResult.Idle;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // The database away: one line per outage, and the next step tries again.
                if (outage.Report(ex, $"the step of job {jobId}")) outageSteps++;
                else LogStepFailed(logger, ex, jobId);
            }
            await Task.Delay(Backoff(wait, outageSteps), ct);
        }
    }

    /// <summary>The tick while the database answers; while it is away, doubling per failed step up to 10 s.</summary>
    internal static TimeSpan Backoff(TimeSpan tick, int outageSteps) =>
        outageSteps == 0 ? tick : TimeSpan.FromMilliseconds(Math.Min(10_000, tick.TotalMilliseconds * Math.Pow(2, Math.Min(outageSteps, 16))));

    [LoggerMessage(Level = LogLevel.Error, Message = "Step of job {JobId} failed; the next step retries")]
    private static partial void LogStepFailed(ILogger logger, Exception ex, long jobId);
}
