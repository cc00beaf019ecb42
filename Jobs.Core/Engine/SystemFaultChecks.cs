using System.Collections.Concurrent;
using Jobs.Core.Execution;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jobs.Core.Engine;

/// <summary>
/// When each job paused by a system fault last asked its executor whether it is back, so a job asks at most every
/// <c>SystemRetrySeconds</c>. One per process (a singleton: remembering it per node is enough). An entry lives only
/// while its job is system-paused: the engine forgets it when the executor answers, and on any step of a job that is
/// no longer system-paused (resumed by an operator, aborted, finished).
/// </summary>
public sealed class SystemFaultChecks(TimeProvider clock, IOptions<SchedulerOptions> options, ILogger<SystemFaultChecks> logger)
{
    private readonly ConcurrentDictionary<long, DateTimeOffset> _lastCheck = new();

    /// <summary>How many jobs are remembered (for tests of the lifetime).</summary>
    public int Count => _lastCheck.Count;

    /// <summary>The job was just paused for a system fault: wait a full interval before the first check.</summary>
    public void Paused(long jobId) => _lastCheck[jobId] = clock.GetUtcNow();

    public void Forget(long jobId) => _lastCheck.TryRemove(jobId, out _);

    /// <summary>True when the executor answers a connection test; asks at most once per interval per job.</summary>
    public async Task<bool> ExecutorIsBackAsync(long jobId, IExecutor executor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_lastCheck.TryGetValue(jobId, out var last) && now - last < TimeSpan.FromSeconds(options.Value.SystemRetrySeconds))
            return false;
        _lastCheck[jobId] = now;
        try
        {
            var test = await executor.TestConnectionAsync(ct);
            if (test.Ok) Forget(jobId);
            return test.Ok;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            EngineLog.StillUnavailable(logger, jobId, executor.Name, ex.Message);
            return false;
        }
    }
}
