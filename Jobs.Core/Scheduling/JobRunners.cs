using System.Collections.Concurrent;
using Jobs.Core.Engine;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jobs.Core.Scheduling;

/// <summary>
/// The loops of the live jobs this node runs. Hangfire decides which node starts a job's runner (a short
/// <see cref="StartRunnerJob"/> picked up by any node's worker); the loop itself then runs here as a plain task, so a
/// node runs any number of live jobs without holding a Hangfire worker or a connection per job. Each loop holds the
/// job's <see cref="RunnerLeases">lease</see> and renews it; losing it stops the loop. On shutdown every loop stops and
/// releases its lease, so the next process (or another node) carries on at once.
/// </summary>
public sealed partial class JobRunners(IServiceScopeFactory scopes, JobLoop loop, IOptions<SchedulerOptions> options, ILogger<JobRunners> logger)
    : IHostedService
{
    private readonly ConcurrentDictionary<long, Task> _running = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _node = $"{SchedulerOptions.NodeNameOrDefault(options.Value.NodeName)}/{Environment.ProcessId}";

    private TimeSpan Ttl => TimeSpan.FromSeconds(Math.Max(3, options.Value.LeaseSeconds));

    /// <summary>How many loops run on this node now.</summary>
    public int Count => _running.Count;

    /// <summary>Starts the job's loop here unless it already runs here or another node holds its lease.</summary>
    public async Task<bool> TryStartAsync(long jobId, CancellationToken ct)
    {
        if (_stopping.IsCancellationRequested || _running.ContainsKey(jobId)) return false;
        var holder = $"{_node}/{Guid.NewGuid():N}";
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<JobsDbContext>();
            if (!await RunnerLeases.TryTakeAsync(db, jobId, holder, Ttl, ct)) return false;
        }
        var started = new TaskCompletionSource();
        var task = Task.Run(async () =>
        {
            await started.Task;
            await RunAsync(jobId, holder);
        }, CancellationToken.None);
        if (!_running.TryAdd(jobId, task))
        {
            // Raced with another start in this process after we took the lease: theirs runs, ours ends at once.
            await ReleaseAsync(jobId, holder);
            return false;
        }
        started.SetResult();
        LogStarted(logger, jobId, holder);
        return true;
    }

    private async Task RunAsync(long jobId, string holder)
    {
        try
        {
            while (true)
            {
                using var lease = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                var renewing = RenewAsync(jobId, holder, lease);
                try
                {
                    await loop.RunAsync(jobId, lease.Token);
                }
                catch (OperationCanceledException) when (lease.IsCancellationRequested)
                {
                    // Shutting down, or the lease was lost (logged by RenewAsync).
                }
                await lease.CancelAsync();
                var kept = await renewing;
                if (!kept) return; // another node runs it now: never release what is theirs
                await ReleaseAsync(jobId, holder);
                if (_stopping.IsCancellationRequested) return;
                // Idle. A control that made the job live again after we read it found our lease and enqueued nothing,
                // so look once more after releasing: still live → take the lease again and carry on.
                if (!await NeedsRunnerAsync(jobId)) return;
                await using var scope = scopes.CreateAsyncScope();
                if (!await RunnerLeases.TryTakeAsync(scope.ServiceProvider.GetRequiredService<JobsDbContext>(), jobId, holder, Ttl, CancellationToken.None))
                    return;
            }
        }
        catch (Exception ex)
        {
            // The lease expires; reconciliation starts the job again (here or elsewhere).
            LogRunnerFailed(logger, ex, jobId);
        }
        finally
        {
            _running.TryRemove(jobId, out _);
        }
    }

    /// <summary>Renews the lease every third of its lifetime until <paramref name="lease"/> is canceled. Returns false
    /// (after canceling the loop) when the lease was lost — it expired, e.g. while the database was away, and another
    /// runner took it.</summary>
    private async Task<bool> RenewAsync(long jobId, string holder, CancellationTokenSource lease)
    {
        var every = Ttl / 3;
        var lastRenewed = TimeProvider.System.GetUtcNow();
        while (!lease.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, lease.Token);
            }
            catch (OperationCanceledException)
            {
                return true;
            }
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (await RunnerLeases.RenewAsync(scope.ServiceProvider.GetRequiredService<JobsDbContext>(), jobId, holder, Ttl, CancellationToken.None))
                {
                    lastRenewed = TimeProvider.System.GetUtcNow();
                    continue;
                }
                LogLeaseLost(logger, jobId);
                await lease.CancelAsync();
                return false;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database is away: keep trying while the lease is surely still ours; stop a renewal interval
                // before it ends, after which another node may take the job.
                if (TimeProvider.System.GetUtcNow() - lastRenewed < Ttl - every) continue;
                LogLeaseUnrenewable(logger, jobId, ex.Message);
                await lease.CancelAsync();
                return false;
            }
        }
        return true;
    }

    private async Task<bool> NeedsRunnerAsync(long jobId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JobsDbContext>();
        return await RunnerLeases.NeedingRunner(db).AnyAsync(j => j.Id == jobId);
    }

    private async Task ReleaseAsync(long jobId, string holder)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await RunnerLeases.ReleaseAsync(scope.ServiceProvider.GetRequiredService<JobsDbContext>(), jobId, holder, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReleaseFailed(logger, jobId, ex.Message); // it expires on its own
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stops every loop (a step in progress ends at its next await) and waits for them to release their leases.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_running.Values).WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [LoggerMessage(EventId = 7301, Level = LogLevel.Debug, Message = "Job {JobId}: runner started ({Holder})")]
    private static partial void LogStarted(ILogger logger, long jobId, string holder);

    [LoggerMessage(EventId = 7302, Level = LogLevel.Warning, Message = "Job {JobId}: another node took over its runner lease; this node stops running it")]
    private static partial void LogLeaseLost(ILogger logger, long jobId);

    [LoggerMessage(EventId = 7303, Level = LogLevel.Warning, Message = "Job {JobId}: runner lease could not be renewed before it ran out ({Reason}); this node stops running it")]
    private static partial void LogLeaseUnrenewable(ILogger logger, long jobId, string reason);

    [LoggerMessage(EventId = 7304, Level = LogLevel.Error, Message = "Job {JobId}: runner stopped by an error; reconciliation starts it again")]
    private static partial void LogRunnerFailed(ILogger logger, Exception ex, long jobId);

    [LoggerMessage(EventId = 7305, Level = LogLevel.Debug, Message = "Job {JobId}: runner lease not released ({Reason}); it expires on its own")]
    private static partial void LogReleaseFailed(ILogger logger, long jobId, string reason);
}
