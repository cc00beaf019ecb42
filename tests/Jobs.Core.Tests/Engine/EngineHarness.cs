using Jobs.Core.Auditing;
using Jobs.Core.Domain;
using Jobs.Core.Application;
using Jobs.Core.Engine;
using Jobs.Core.Execution;
using Jobs.Core.Gates;
using Jobs.Core.Persistence;
using Jobs.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jobs.Core.Tests.Engine;

/// <summary>
/// The engine and the job service on a real SQLite file, a <see cref="ManualClock"/> and a <see cref="ScriptedExecutor"/>,
/// with no scheduler: the test steps a job itself, so every transition is deterministic and nothing waits.
/// </summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    public static readonly Actor Alice = new("alice", "127.0.0.1");

    private readonly TestDatabase _database;
    private readonly ServiceProvider _services;
    private readonly Lazy<ServiceProvider> _otherNode;

    private EngineHarness(TestDatabase database, Dictionary<string, string?>? settings,
        Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor? interceptor = null)
    {
        _database = database;
        Executor = new ScriptedExecutor(Clock);
        _services = Build(database, settings, interceptor);
        _otherNode = new Lazy<ServiceProvider>(() => Build(database, settings, interceptor));
    }

    /// <summary>The services of one JOBS process (a "node"): its own singletons (job signals, fault checks), the shared
    /// database, clock and executor.</summary>
    private ServiceProvider Build(TestDatabase database, Dictionary<string, string?>? settings,
        Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor? interceptor)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Debug));
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build());
        services.AddSingleton<TimeProvider>(Clock);
        services.AddDbContext<JobsDbContext>(o =>
        {
            database.Configure(o);
            if (interceptor is not null) o.AddInterceptors(interceptor);
        });
        services.AddJobsCore();
        services.AddSingleton<IExecutorRegistry>(new OneExecutor(Executor));
        services.AddSingleton<IJobScheduler>(Scheduler);
        services.AddSingleton<IHttpProbeClient>(Probe);
        services.AddSingleton<IPrometheusClient>(new NoPrometheus());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>Timers follow the clock: a waiting <see cref="JobLoop"/> wakes only when the test moves time (or
    /// something signals it).</summary>
    public ManualClock Clock { get; } = new() { ManualTimers = true };
    public CapturingLoggerProvider Logs { get; } = new();
    public ScriptedExecutor Executor { get; }
    public RecordingScheduler Scheduler { get; } = new();
    public ScriptedProbe Probe { get; } = new();
    public SystemFaultChecks FaultChecks => _services.GetRequiredService<SystemFaultChecks>();

    public static async Task<EngineHarness> CreateAsync(int servers, Dictionary<string, string?>? settings = null,
        TestProvider provider = TestProvider.Sqlite, Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor? interceptor = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            for (var i = 0; i < servers; i++)
                db.Servers.Add(new Server($"web-{i:D3}", $"10.0.0.{i}", "sh1", "prod", "order-api", "web", "linux", ServerStatus.Online, "ops", [],
                    new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
            await db.SaveChangesAsync();
        }
        return new EngineHarness(database, settings, interceptor);
    }

    public TestDatabase Database => _database;

    /// <summary>A job over every server, in hostname order (no stratification), so tests know which host is where.</summary>
    public async Task<long> CreateJobAsync(string batches, GateSettings gates, GateFailureAction onGateFailure = GateFailureAction.Pause,
        int parallelism = 10, int hostTimeoutSeconds = 60)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IJobService>().CreateAsync(new JobRequest
        {
            Name = "engine test", Filter = "env=prod", Executor = ScriptedExecutor.ExecutorName, Parameters = [],
            Batches = batches, Parallelism = parallelism, HostTimeoutSeconds = hostTimeoutSeconds, Stratify = false,
            Gates = gates, OnGateFailure = onGateFailure,
        }, Alice, CancellationToken.None);
    }

    public async Task<StepResult> StepAsync(long jobId)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<JobEngine>().StepAsync(jobId, CancellationToken.None);
    }

    /// <summary>Runs the job's loop (<see cref="JobLoop.RunAsync"/>) as the scheduler would, until it goes idle.</summary>
    public Task<StepResult> RunLoopAsync(long jobId, CancellationToken ct = default) =>
        _services.GetRequiredService<JobLoop>().RunAsync(jobId, ct);

    /// <summary>How many times the job's loop started to wait (its debug log line).</summary>
    public int LoopWaits(long jobId) => Logs.Lines.Count(l => l.Contains($"Job {jobId} waits until", StringComparison.Ordinal));

    /// <summary>A control applied by another JOBS process on the same database: no in-process signal reaches this one's loop.</summary>
    public async Task<ControlResult> ControlFromOtherNodeAsync(long jobId, JobControl control)
    {
        await using var scope = _otherNode.Value.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IJobService>().ControlAsync(jobId, control, Alice, null, CancellationToken.None);
    }

    /// <summary>Waits (real time, bounded) until <paramref name="condition"/> holds; fails with <paramref name="what"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for: {what}");
            await Task.Delay(10);
        }
    }

    /// <summary>Steps the job, one clock second apart, until <paramref name="until"/> holds; fails after <paramref name="maxSteps"/>.</summary>
    public async Task<Job> RunAsync(long jobId, Func<Job, bool> until, int maxSteps = 60)
    {
        for (var i = 0; i < maxSteps; i++)
        {
            var job = await JobAsync(jobId);
            if (until(job)) return job;
            await StepAsync(jobId);
            Clock.Advance(TimeSpan.FromSeconds(1));
        }
        var last = await JobAsync(jobId);
        Assert.Fail($"job {jobId} did not get there in {maxSteps} steps; it is {last.Status} ({last.StopReason}), batches " +
                    string.Join(", ", last.Batches.OrderBy(b => b.Index).Select(b => $"{b.Index}:{b.Status}")));
        return last;
    }

    public async Task<ControlResult> ControlAsync(long jobId, JobControl control, string? host = null)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IJobService>().ControlAsync(jobId, control, Alice, host, CancellationToken.None);
    }

    public async Task<Job> JobAsync(long jobId)
    {
        await using var db = _database.CreateContext();
        return await db.Jobs.AsNoTracking().Include(j => j.Batches).SingleAsync(j => j.Id == jobId);
    }

    public async Task<List<HostTask>> HostsAsync(long jobId)
    {
        await using var db = _database.CreateContext();
        return await db.HostTasks.AsNoTracking().Where(h => h.JobId == jobId).OrderBy(h => h.BatchIndex).ThenBy(h => h.Position).ToListAsync();
    }

    public async Task<List<string>> AuditActionsAsync()
    {
        await using var db = _database.CreateContext();
        return await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
    }

    /// <summary>A context of its own, for tests that replay a race by hand.</summary>
    public AsyncServiceScope NewScope() => _services.CreateAsyncScope();

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_otherNode.IsValueCreated) await _otherNode.Value.DisposeAsync();
        await _database.DisposeAsync();
    }

    private sealed class OneExecutor(IExecutor executor) : IExecutorRegistry
    {
        public IReadOnlyList<ExecutorDescriptor> All => [executor.Descriptor];

        public IExecutor? Find(string name) => string.Equals(name, executor.Name, StringComparison.OrdinalIgnoreCase) ? executor : null;
    }

    private sealed class NoPrometheus : IPrometheusClient
    {
        public Task<PrometheusResult> QueryAsync(string baseUrl, string query, TimeSpan timeout, CancellationToken cancellationToken) =>
            Task.FromResult(PrometheusResult.Failed("no Prometheus in engine tests"));
    }
}

/// <summary>Records what the job service asked the scheduler for (the engine tests step jobs themselves).</summary>
internal sealed class RecordingScheduler : IJobScheduler
{
    public List<long> Ensured { get; } = [];
    public List<long> Unscheduled { get; } = [];

    public Task EnsureScheduledAsync(long jobId, DateTime? startAt, CancellationToken cancellationToken)
    {
        lock (Ensured) Ensured.Add(jobId);
        return Task.CompletedTask;
    }

    public Task UnscheduleAsync(long jobId, CancellationToken cancellationToken)
    {
        lock (Unscheduled) Unscheduled.Add(jobId);
        return Task.CompletedTask;
    }
}

/// <summary>An HTTP probe whose answer the test sets.</summary>
internal sealed class ScriptedProbe : IHttpProbeClient
{
    public GateCheck Answer { get; set; } = GateCheck.Pass("200");
    public List<string> Urls { get; } = [];

    public Task<GateCheck> ProbeAsync(string url, int expectStatus, string? jsonPath, string? expectValue, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        lock (Urls) Urls.Add(url);
        return Task.FromResult(Answer);
    }
}
