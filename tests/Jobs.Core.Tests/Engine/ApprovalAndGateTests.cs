using Jobs.Core.Domain;
using Jobs.Core.Engine;
using Jobs.Core.Gates;

namespace Jobs.Core.Tests.Engine;

/// <summary>Gates, bake time and manual approval, stepped by hand on a manual clock.</summary>
public sealed class ApprovalAndGateTests
{
    [Fact]
    public async Task Step_ManualApprovalAfterLastBatch_CompletesWithoutWaiting()
    {
        // Issue 9, item 1: the last batch's approval gate must not wait for a batch that does not exist.
        await using var h = await EngineHarness.CreateAsync(servers: 3);
        var id = await h.CreateJobAsync("1,2", new GateSettings(MaxFailurePercent: 10, ManualApproval: true));

        var waiting = await h.RunAsync(id, j => j.Status == JobStatus.AwaitingApproval);
        Assert.Equal([BatchStatus.Verifying, BatchStatus.Pending], waiting.Batches.OrderBy(b => b.Index).Select(b => b.Status));
        Assert.Equal(StepResult.Idle, await h.StepAsync(id));

        var approved = await h.ControlAsync(id, JobControl.Approve);
        Assert.Equal($"Job {id}: batch 1 approved; batch 2 starts.", approved.Message);

        var done = await h.RunAsync(id, j => j.Status.IsTerminal());
        Assert.Equal(JobStatus.Succeeded, done.Status);
        var last = done.Batches.Single(b => b.Index == 2);
        Assert.Null(last.ApprovedBy);
        Assert.Contains("last batch: no approval needed", last.GateReason);
        Assert.Single(await h.AuditActionsAsync(), a => a == "job.approve");
    }

    [Fact]
    public async Task Step_BakeTime_WaitsOnTheClockThenPasses()
    {
        await using var h = await EngineHarness.CreateAsync(servers: 2);
        var id = await h.CreateJobAsync("1,1", new GateSettings(MaxFailurePercent: 10, BakeSeconds: 600));

        var baking = await h.RunAsync(id, j => j.Batches.Single(b => b.Index == 1).BakeUntil is not null);
        var bakeUntil = baking.Batches.Single(b => b.Index == 1).BakeUntil!.Value;
        for (var i = 0; i < 5; i++) await h.StepAsync(id); // no time passes: it keeps baking
        var still = await h.JobAsync(id);
        Assert.Equal(BatchStatus.Verifying, still.Batches.Single(b => b.Index == 1).Status);
        Assert.Equal(BatchStatus.Pending, still.Batches.Single(b => b.Index == 2).Status);

        h.Clock.Set(new DateTimeOffset(DateTime.SpecifyKind(bakeUntil, DateTimeKind.Utc)).AddSeconds(1));
        await h.StepAsync(id);
        var passed = (await h.JobAsync(id)).Batches.Single(b => b.Index == 1);
        Assert.Equal(BatchStatus.Succeeded, passed.Status);
        Assert.Contains("baked 600 s", passed.GateReason);
    }

    [Fact]
    public async Task Step_FailureRateAboveGate_PausesBeforeNextBatch()
    {
        await using var h = await EngineHarness.CreateAsync(servers: 6);
        h.Executor.Outcome = (host, _) => host == "web-001" ? HostStatus.Failed : HostStatus.Succeeded;
        var id = await h.CreateJobAsync("2,2,2", new GateSettings(MaxFailurePercent: 10));

        var paused = await h.RunAsync(id, j => j.Status == JobStatus.Paused);
        Assert.Equal(JobStopKind.Gate, paused.StopKind);
        Assert.Equal("batch 1: failure rate 50% > 10%", paused.StopReason);
        Assert.Equal(BatchStatus.Pending, paused.Batches.Single(b => b.Index == 2).Status);
        Assert.Equal(2, h.Executor.Started.Count);
    }

    [Fact]
    public async Task Step_GateFailsWithOnGateFailureAbort_AbortsAndSaysWhereItStopped()
    {
        await using var h = await EngineHarness.CreateAsync(servers: 6);
        h.Executor.Outcome = (host, _) => host == "web-000" ? HostStatus.Failed : HostStatus.Succeeded;
        var id = await h.CreateJobAsync("2,2,2", new GateSettings(MaxFailurePercent: 10), GateFailureAction.Abort);

        var aborted = await h.RunAsync(id, j => j.Status == JobStatus.Aborted);
        var skipped = aborted.Batches.Sum(b => b.Skipped);
        Assert.Equal(4, skipped);
        var lastStarted = aborted.Batches.Where(b => JobProgress.Started(b.Status)).Max(b => b.Index);
        // Issue 9, item 3: an aborted job says where it stopped, and its progress counts only hosts that ran.
        Assert.Equal("aborted at batch 1 of 3; 4 skipped", JobProgress.StoppedAt(aborted.Status, lastStarted, aborted.Batches.Count, skipped));
        var ran = JobProgress.Ran(aborted.Batches.Sum(b => b.Succeeded), aborted.Batches.Sum(b => b.Failed), aborted.Batches.Sum(b => b.TimedOut), aborted.Batches.Sum(b => b.Canceled));
        Assert.Equal(2, ran);
        Assert.Equal(100.0 / 3, JobProgress.Percent(ran, aborted.TotalHosts), precision: 6);
    }

    [Fact]
    public async Task Step_HttpProbeFails_PausesWithTheProbeReason()
    {
        await using var h = await EngineHarness.CreateAsync(servers: 2);
        h.Probe.Answer = GateCheck.Fail("503 Service Unavailable");
        var id = await h.CreateJobAsync("1,1", new GateSettings(MaxFailurePercent: 10, HttpProbe: new HttpProbeGate("http://127.0.0.1:9/health/{{host.hostname}}")));

        var paused = await h.RunAsync(id, j => j.Status == JobStatus.Paused);
        Assert.Contains("503 Service Unavailable", paused.StopReason);
        Assert.Equal(["http://127.0.0.1:9/health/web-000"], h.Probe.Urls);
    }
}
