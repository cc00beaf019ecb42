using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jobs.Core.Engine;

/// <summary>
/// Runs one job's steps (<see cref="JobEngine.StepAndReportAsync"/>, each in its own DI scope) until the job goes idle —
/// paused with nothing in flight, awaiting approval, or over — or <paramref name="ct"/> is canceled. The scheduler calls
/// it for one job at a time per job (it holds the job's runner lease); what runs the loop and where is the scheduler's
/// business.
/// </summary>
/// <remarks>
/// Steps run back to back while they make progress (a host that finishes frees its slot for the very next step). A step
/// that changed nothing waits for the first of: what it said is due (<see cref="StepReport.DueAt"/>: the start time, a
/// bake's end, the executor's next due time, a host timeout), the executor's signal (<see cref="StepReport.Change"/>:
/// a local process exited), a control applied in this process (<see cref="JobSignals"/>), and at most
/// <see cref="SchedulerOptions.TickMilliseconds"/> — the poll interval of executors that give no hint, and the bound on
/// noticing a control applied by another node. Time is the injected clock's, so tests drive waits by hand. While the
/// database is away, a failed step backs off (doubling up to 10 s) and the outage is logged once (<see cref="Persistence.DatabaseOutage"/>).
/// </remarks>
public sealed partial class JobLoop(IServiceScopeFactory scopes, JobSignals signals, TimeProvider clock,
    IOptions<SchedulerOptions> options, Persistence.DatabaseOutage outage, ILogger<JobLoop> logger)
{
    /// <summary>Steps the job until it is idle (returns <see cref="StepResult.Idle"/>); throws
    /// <see cref="OperationCanceledException"/> when the token is canceled.</summary>
    public async Task<StepResult> RunAsync(long jobId, CancellationToken ct)
    {
        var outageSteps = 0;
        try
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                var control = signals.Next(jobId); // before the step reads the job: a later control wakes the wait
                var report = await StepAsync(jobId, ct);
                outageSteps = report.OutageStep ? outageSteps + 1 : 0;
                if (report.Report?.Result == StepResult.Idle) return StepResult.Idle;
                if (report.Report is { Progressed: true }) continue;
                await WaitAsync(jobId, report.Report, control, outageSteps, ct);
            }
        }
        finally
        {
            signals.Forget(jobId);
        }
    }

    /// <summary>One step in its own scope; no report when it failed (logged — once per outage when the database is
    /// away; the next step retries after the longest wait, or the outage backoff).</summary>
    private async Task<(StepReport? Report, bool OutageStep)> StepAsync(long jobId, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<JobEngine>().StepAndReportAsync(jobId, ct);
            outage.Recovered();
            return (report, false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            if (outage.Report(ex, $"the step of job {jobId}")) return (null, true);
            LogStepFailed(logger, ex, jobId);
            return (null, false);
        }
    }

    private async Task WaitAsync(long jobId, StepReport? report, Task control, int outageSteps, CancellationToken ct)
    {
        var longest = Backoff(TimeSpan.FromMilliseconds(Math.Max(1, options.Value.TickMilliseconds)), outageSteps);
        var wait = longest;
        if (report?.DueAt is { } due)
            wait = TimeSpan.FromTicks(Math.Clamp((due - clock.GetUtcNow()).Ticks, TimeSpan.TicksPerMillisecond, longest.Ticks));
        LogWaiting(logger, jobId, clock.GetUtcNow() + wait, report?.Change is not null);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(wait, clock, stop.Token);
        await Task.WhenAny(delay, control, report?.Change ?? delay).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false); // the timer, if something else woke us
        ct.ThrowIfCancellationRequested();
    }

    /// <summary>The tick while the database answers; while it is away, doubling per failed step up to 10 s.</summary>
    internal static TimeSpan Backoff(TimeSpan tick, int outageSteps) =>
        outageSteps == 0 ? tick : TimeSpan.FromMilliseconds(Math.Min(10_000, tick.TotalMilliseconds * Math.Pow(2, Math.Min(outageSteps, 16))));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {JobId} waits until {Until:O} (or the executor's signal: {Signal}, or a control)")]
    private static partial void LogWaiting(ILogger logger, long jobId, DateTimeOffset until, bool signal);

    [LoggerMessage(Level = LogLevel.Error, Message = "Step of job {JobId} failed; the next step retries")]
    private static partial void LogStepFailed(ILogger logger, Exception ex, long jobId);
}
