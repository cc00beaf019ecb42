using Jobs.Core.Domain;
using Jobs.Core.Engine;

namespace Jobs.Core.Tests.Engine;

/// <summary>
/// The continuous loop (issue 12): steps back to back while they make progress, and waits only for something real —
/// the executor's due time or signal, a bake's end, a control — on the test's clock, whose timers fire only when the
/// test moves it. A loop that waited for a tick would never finish here without the clock moving.
/// </summary>
public sealed class JobLoopTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait far above anything a test does, so every wait below is the one the engine chose.</summary>
    private static readonly Dictionary<string, string?> LongTick = new() { ["Jobs:Scheduler:TickMilliseconds"] = "60000" };

    [Fact]
    public async Task RunAsync_HostFinishesAtOnce_ItsSlotIsReusedWithoutWaiting()
    {
        // Issue 12: six hosts through two slots, and the clock never moves: each freed slot is taken by the next step.
        await using var h = await EngineHarness.CreateAsync(servers: 6, LongTick);
        h.Executor.Duration = TimeSpan.Zero;
        var id = await h.CreateJobAsync("6", GateSettings.Default, parallelism: 2);
        var start = h.Clock.GetUtcNow();

        Assert.Equal(StepResult.Idle, await h.RunLoopAsync(id).WaitAsync(Bound));

        var job = await h.JobAsync(id);
        Assert.Equal(JobStatus.Succeeded, job.Status);
        Assert.Equal(6, h.Executor.Started.Distinct().Count());
        Assert.Equal(6, h.Executor.Started.Count);
        Assert.Equal(start, h.Clock.GetUtcNow());
        Assert.Equal(0, h.LoopWaits(id));
    }

    [Fact]
    public async Task RunAsync_ExecutorSignalsAChange_LoopPollsAtOnceWithoutTheClock()
    {
        // Issue 12: as the local executor signals a process exit, the loop polls then, not at its next beat.
        await using var h = await EngineHarness.CreateAsync(servers: 2, LongTick);
        h.Executor.Duration = TimeSpan.FromHours(1);
        var id = await h.CreateJobAsync("2", GateSettings.Default, parallelism: 1);
        var loop = h.RunLoopAsync(id);
        await EngineHarness.EventuallyAsync(() => Task.FromResult(h.LoopWaits(id) == 1), "the loop waits for the first host");

        Assert.Equal([h.Clock.GetUtcNow().AddMinutes(1)], h.Clock.PendingTimers); // the longest wait: the host needs an hour

        h.Executor.Duration = TimeSpan.Zero; // the host's work ends now (and so will the next one's)…
        h.Executor.SignalChange();           // …and the executor says so

        Assert.Equal(StepResult.Idle, await loop.WaitAsync(Bound));
        Assert.Equal(JobStatus.Succeeded, (await h.JobAsync(id)).Status);
        Assert.Equal(2, h.Executor.Started.Count);
        Assert.Equal(1, h.LoopWaits(id)); // woken by the signal, not by the timer
    }

    [Fact]
    public async Task RunAsync_Bake_WaitsExactlyUntilTheBakeEndsOnTheClock()
    {
        await using var h = await EngineHarness.CreateAsync(servers: 2, LongTick);
        h.Executor.Duration = TimeSpan.Zero;
        var id = await h.CreateJobAsync("1,1", new GateSettings(BakeSeconds: 30));
        var loop = h.RunLoopAsync(id);
        await EngineHarness.EventuallyAsync(() => Task.FromResult(h.LoopWaits(id) == 1), "the loop waits for the bake");

        var bakeUntil = (await h.JobAsync(id)).Batches.Single(b => b.Index == 1).BakeUntil!.Value;
        Assert.Equal([new DateTimeOffset(bakeUntil, TimeSpan.Zero)], h.Clock.PendingTimers);
        Assert.Equal(BatchStatus.Verifying, (await h.JobAsync(id)).Batches.Single(b => b.Index == 1).Status);

        h.Clock.Set(new DateTimeOffset(bakeUntil, TimeSpan.Zero));
        await EngineHarness.EventuallyAsync(() => Task.FromResult(h.LoopWaits(id) == 2), "the loop waits for the last batch's bake");
        var job = await h.JobAsync(id);
        Assert.Equal(bakeUntil, job.Batches.Single(b => b.Index == 2).StartedAt);
        Assert.Equal(BatchStatus.Verifying, job.Batches.Single(b => b.Index == 2).Status);

        h.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(StepResult.Idle, await loop.WaitAsync(Bound));
        Assert.Equal(JobStatus.Succeeded, (await h.JobAsync(id)).Status);
    }

    [Fact]
    public async Task RunAsync_PausedInThisProcessWhileBaking_LoopWakesAndGoesIdle()
    {
        // Issue 12: a control applied here wakes the waiting loop; nothing in flight, so it is idle at once.
        await using var h = await EngineHarness.CreateAsync(servers: 2, LongTick);
        h.Executor.Duration = TimeSpan.Zero;
        var id = await h.CreateJobAsync("1,1", new GateSettings(BakeSeconds: 600));
        var loop = h.RunLoopAsync(id);
        await EngineHarness.EventuallyAsync(() => Task.FromResult(h.LoopWaits(id) == 1), "the loop waits for the bake");

        await h.ControlAsync(id, JobControl.Pause);

        Assert.Equal(StepResult.Idle, await loop.WaitAsync(Bound));
        Assert.Equal(JobStatus.Paused, (await h.JobAsync(id)).Status);
        Assert.DoesNotContain(h.Executor.Started, s => s.Host == "web-001");
    }

    [Fact]
    public async Task RunAsync_PausedWhileHostsInFlight_IdleOnlyOnceTheyReported()
    {
        await using var h = await EngineHarness.CreateAsync(servers: 4, LongTick);
        h.Executor.Duration = TimeSpan.FromSeconds(10);
        var id = await h.CreateJobAsync("4", GateSettings.Default, parallelism: 2);
        var loop = h.RunLoopAsync(id);
        await EngineHarness.EventuallyAsync(() => Task.FromResult(h.LoopWaits(id) == 1), "the loop waits for the first hosts");
        Assert.Equal([h.Clock.GetUtcNow().AddSeconds(10)], h.Clock.PendingTimers);

        await h.ControlAsync(id, JobControl.Pause);
        await EngineHarness.EventuallyAsync(() => Task.FromResult(h.LoopWaits(id) == 2), "the woken loop waits for the hosts in flight");
        Assert.False(loop.IsCompleted);

        h.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(StepResult.Idle, await loop.WaitAsync(Bound));
        var hosts = await h.HostsAsync(id);
        Assert.Equal(2, hosts.Count(x => x.Status == HostStatus.Succeeded));
        Assert.Equal(2, hosts.Count(x => x.Status == HostStatus.Pending));
    }

    [Fact]
    public async Task RunAsync_PausedByAnotherNode_SeenWithinOneTick()
    {
        // Issue 12: no signal crosses processes; the loop's longest wait (TickMilliseconds) bounds how late it notices.
        await using var h = await EngineHarness.CreateAsync(servers: 2,
            new Dictionary<string, string?> { ["Jobs:Scheduler:TickMilliseconds"] = "1000" });
        h.Executor.Duration = TimeSpan.Zero;
        var id = await h.CreateJobAsync("1,1", new GateSettings(BakeSeconds: 600));
        var loop = h.RunLoopAsync(id);
        await EngineHarness.EventuallyAsync(() => Task.FromResult(h.LoopWaits(id) >= 1), "the loop waits for the bake");
        var waits = h.LoopWaits(id);

        await h.ControlFromOtherNodeAsync(id, JobControl.Pause);
        Assert.Equal(waits, h.LoopWaits(id)); // not woken: it waits out its tick…
        Assert.Equal([h.Clock.GetUtcNow().AddSeconds(1)], h.Clock.PendingTimers);

        h.Clock.Advance(TimeSpan.FromSeconds(1)); // …and then sees the pause
        Assert.Equal(StepResult.Idle, await loop.WaitAsync(Bound));
        Assert.Equal(JobStatus.Paused, (await h.JobAsync(id)).Status);
    }

    [Fact]
    public async Task RunAsync_Canceled_ThrowsAndForgetsTheJob()
    {
        await using var h = await EngineHarness.CreateAsync(servers: 1, LongTick);
        h.Executor.Duration = TimeSpan.FromHours(1);
        var id = await h.CreateJobAsync("1", GateSettings.Default);
        using var cts = new CancellationTokenSource();
        var loop = h.RunLoopAsync(id, cts.Token);
        await EngineHarness.EventuallyAsync(() => Task.FromResult(h.LoopWaits(id) == 1), "the loop waits");

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop.WaitAsync(Bound));
        Assert.Equal(JobStatus.Running, (await h.JobAsync(id)).Status);
    }
}
