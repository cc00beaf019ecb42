using Jobs.Core.Domain;
using Jobs.Core.Application;
using Jobs.Core.Engine;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Jobs.Core.Tests.Engine;

/// <summary>Retry, host controls, pause races, timeouts and executor outages, stepped by hand.</summary>
public sealed class RetryAndControlTests
{
    private static readonly GateSettings FivePercent = new(MaxFailurePercent: 5);

    [Fact]
    public async Task RetryFailed_JobPausedByGate_RegatesThatBatchAndStaysPausedUntilResumed()
    {
        // Issue 9, item 2: retry runs the failed hosts again and re-gates their batch, and never carries on by itself.
        await using var h = await EngineHarness.CreateAsync(servers: 6);
        h.Executor.Outcome = (host, attempt) => host == "web-003" && attempt == 1 ? HostStatus.Failed : HostStatus.Succeeded;
        var id = await h.CreateJobAsync("2,2,2", FivePercent);
        await h.RunAsync(id, j => j.Status == JobStatus.Paused);

        var retry = await h.ControlAsync(id, JobControl.RetryFailed);
        Assert.Equal($"Job {id}: web-003 runs again in batch 2; once batch 2 passed its gates again the job pauses until you resume it.", retry.Message);

        var held = await h.RunAsync(id, j => j.Status == JobStatus.Paused);
        Assert.Equal(JobStopKind.Operator, held.StopKind);
        Assert.Contains("resume to go on with batch 3", held.StopReason);
        Assert.Equal(BatchStatus.Succeeded, held.Batches.Single(b => b.Index == 2).Status);
        Assert.Equal(BatchStatus.Pending, held.Batches.Single(b => b.Index == 3).Status);
        Assert.Equal(StepResult.Idle, await h.StepAsync(id));
        Assert.DoesNotContain(h.Executor.Started, s => s.Host is "web-004" or "web-005");
        Assert.Equal(2, (await h.HostsAsync(id)).Single(x => x.Hostname == "web-003").Attempt);

        await h.ControlAsync(id, JobControl.Resume);
        Assert.Equal(JobStatus.Succeeded, (await h.RunAsync(id, j => j.Status.IsTerminal())).Status);
    }

    [Fact]
    public async Task RetryFailed_JobPausedMidBatch_RetriesEarlierBatchThenPausesBeforeTheStartedOne()
    {
        // Issue 9, item 2: a later batch that had already started does not carry on after the retry either.
        await using var h = await EngineHarness.CreateAsync(servers: 6);
        h.Executor.Outcome = (host, attempt) => host == "web-001" && attempt == 1 ? HostStatus.Failed : HostStatus.Succeeded;
        var id = await h.CreateJobAsync("2,4", new GateSettings(MaxFailurePercent: 60), parallelism: 1);
        await h.RunAsync(id, j => j.Batches.Single(b => b.Index == 2).Status == BatchStatus.Running);
        await h.ControlAsync(id, JobControl.Pause);
        await h.RunAsync(id, j => j.Batches.Single(b => b.Index == 2).Running == 0);
        var startedBefore = h.Executor.Started.Count(s => s.Host is "web-002" or "web-003" or "web-004" or "web-005");

        await h.ControlAsync(id, JobControl.RetryFailed);
        var held = await h.RunAsync(id, j => j.Status == JobStatus.Paused);
        Assert.Equal(BatchStatus.Succeeded, held.Batches.Single(b => b.Index == 1).Status);
        Assert.Contains("resume to go on with batch 2", held.StopReason);
        Assert.Equal(startedBefore, h.Executor.Started.Count(s => s.Host is "web-002" or "web-003" or "web-004" or "web-005"));

        await h.ControlAsync(id, JobControl.Resume);
        Assert.Equal(JobStatus.Succeeded, (await h.RunAsync(id, j => j.Status.IsTerminal())).Status);
    }

    [Fact]
    public async Task RetryFailed_RetriedHostFailsAgain_PausedByTheGateAgain()
    {
        await using var h = await EngineHarness.CreateAsync(servers: 4);
        h.Executor.Outcome = (host, _) => host == "web-001" ? HostStatus.Failed : HostStatus.Succeeded;
        var id = await h.CreateJobAsync("2,2", FivePercent);
        await h.RunAsync(id, j => j.Status == JobStatus.Paused);

        await h.ControlAsync(id, JobControl.RetryFailed);
        var again = await h.RunAsync(id, j => j.Status == JobStatus.Paused);
        Assert.Equal(JobStopKind.Gate, again.StopKind);
        Assert.Null(again.PauseAfterBatch);
        Assert.Equal(BatchStatus.Failed, again.Batches.Single(b => b.Index == 1).Status);
    }

    [Fact]
    public async Task RetryFailed_CompletedWithFailures_FinishesWithoutPausing()
    {
        await using var h = await EngineHarness.CreateAsync(servers: 4);
        h.Executor.Outcome = (host, attempt) => host == "web-003" && attempt == 1 ? HostStatus.Failed : HostStatus.Succeeded;
        var id = await h.CreateJobAsync("2,2", new GateSettings(MaxFailurePercent: 50));
        Assert.Equal(JobStatus.CompletedWithFailures, (await h.RunAsync(id, j => j.Status.IsTerminal())).Status);

        var retry = await h.ControlAsync(id, JobControl.RetryFailed);
        Assert.EndsWith("the job finishes after it.", retry.Message);
        Assert.Equal(JobStatus.Succeeded, (await h.RunAsync(id, j => j.Status.IsTerminal())).Status);
    }

    [Fact]
    public async Task RetryHost_OneFailedHost_RunsOnlyThatHost()
    {
        await using var h = await EngineHarness.CreateAsync(servers: 4);
        h.Executor.Outcome = (host, attempt) => host is "web-000" or "web-001" && attempt == 1 ? HostStatus.Failed : HostStatus.Succeeded;
        var id = await h.CreateJobAsync("2,2", FivePercent);
        await h.RunAsync(id, j => j.Status == JobStatus.Paused);

        await h.ControlAsync(id, JobControl.RetryHost, "WEB-001");
        await h.RunAsync(id, j => j.Status == JobStatus.Paused && j.StopKind == JobStopKind.Gate && j.Batches.All(b => b.Status != BatchStatus.Running));
        var hosts = await h.HostsAsync(id);
        Assert.Equal((HostStatus.Failed, 1), (hosts[0].Status, hosts[0].Attempt));
        Assert.Equal((HostStatus.Succeeded, 2), (hosts[1].Status, hosts[1].Attempt));
        Assert.Contains("host.retry", await h.AuditActionsAsync());
    }

    [Fact]
    public async Task SkipHost_PendingHost_NeverRunsAndProgressLeavesItOut()
    {
        await using var h = await EngineHarness.CreateAsync(servers: 4);
        var id = await h.CreateJobAsync("2,2", FivePercent);
        var result = await h.ControlAsync(id, JobControl.SkipHost, "web-003");
        Assert.Equal($"Job {id}: web-003 skipped; it will not run in this job.", result.Message);

        var done = await h.RunAsync(id, j => j.Status.IsTerminal());
        Assert.Equal(JobStatus.Succeeded, done.Status);
        Assert.DoesNotContain(h.Executor.Started, s => s.Host == "web-003");
        Assert.Equal(1, done.Batches.Sum(b => b.Skipped));
        var ex = await Assert.ThrowsAsync<InvalidTransitionException>(() => h.ControlAsync(id, JobControl.SkipHost, "web-000"));
        Assert.Contains("allowed when", ex.Message);
    }

    [Fact]
    public async Task SkipHost_UnknownHost_NotFound()
    {
        await using var h = await EngineHarness.CreateAsync(servers: 2);
        var id = await h.CreateJobAsync("1,1", FivePercent);
        await Assert.ThrowsAsync<HostNotFoundException>(() => h.ControlAsync(id, JobControl.SkipHost, "nope"));
    }

    [Fact]
    public async Task Step_JobPausedAfterTheStepLoadedIt_StartsNoNewHost()
    {
        await using var h = await EngineHarness.CreateAsync(servers: 10);
        h.Executor.Duration = TimeSpan.Zero;
        var id = await h.CreateJobAsync("100%", FivePercent, parallelism: 5);
        await h.StepAsync(id);
        Assert.Equal(5, h.Executor.Started.Count);

        await using var stale = h.NewScope();
        var staleDb = stale.ServiceProvider.GetRequiredService<JobsDbContext>();
        Assert.Equal(JobStatus.Running, (await staleDb.Jobs.Include(j => j.Batches).SingleAsync(j => j.Id == id)).Status);
        await h.ControlAsync(id, JobControl.Pause);
        // The stale context still holds the job as Running; its 5 hosts finish and free 5 slots it must not fill.
        await stale.ServiceProvider.GetRequiredService<JobEngine>().StepAsync(id, CancellationToken.None);

        Assert.Equal(5, h.Executor.Started.Count);
        Assert.Equal(JobStatus.Paused, (await h.JobAsync(id)).Status);
    }

    [Fact]
    public async Task Step_HostPastItsTimeout_TimedOutAndCanceledThroughTheExecutor()
    {
        await using var h = await EngineHarness.CreateAsync(servers: 2);
        h.Executor.Outcome = (host, _) => host == "web-000" ? HostStatus.Running : HostStatus.Succeeded;
        var id = await h.CreateJobAsync("100%", new GateSettings(MaxFailurePercent: 60), hostTimeoutSeconds: 30);
        await h.StepAsync(id);
        h.Clock.Advance(TimeSpan.FromSeconds(29));
        await h.StepAsync(id);
        Assert.Equal(HostStatus.Running, (await h.HostsAsync(id))[0].Status);

        h.Clock.Advance(TimeSpan.FromSeconds(2));
        await h.StepAsync(id);
        var host = (await h.HostsAsync(id))[0];
        Assert.Equal(HostStatus.TimedOut, host.Status);
        Assert.StartsWith("timed out after 30 s", host.Stderr);
        Assert.Equal(["web-000"], h.Executor.Canceled);
    }

    [Fact]
    public async Task Step_ExecutorDown_PausesThenResumesByItselfAndForgetsTheCheck()
    {
        await using var h = await EngineHarness.CreateAsync(servers: 2);
        h.Executor.Down = true;
        var id = await h.CreateJobAsync("100%", FivePercent);
        await h.StepAsync(id);
        var paused = await h.JobAsync(id);
        Assert.Equal((JobStatus.Paused, JobStopKind.System), (paused.Status, paused.StopKind));
        Assert.All(await h.HostsAsync(id), x => Assert.Equal(HostStatus.Pending, x.Status));
        Assert.Equal(1, h.FaultChecks.Count);

        h.Executor.Down = false;
        await h.StepAsync(id); // asked too recently: still paused
        Assert.Equal(JobStatus.Paused, (await h.JobAsync(id)).Status);
        h.Clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(JobStatus.Succeeded, (await h.RunAsync(id, j => j.Status.IsTerminal())).Status);
        Assert.Equal(0, h.FaultChecks.Count);
    }

    [Fact]
    public async Task Abort_SystemPausedJob_ForgetsItsExecutorCheck()
    {
        await using var h = await EngineHarness.CreateAsync(servers: 2);
        h.Executor.Down = true;
        var id = await h.CreateJobAsync("100%", FivePercent);
        await h.StepAsync(id);
        Assert.Equal(1, h.FaultChecks.Count);

        await h.ControlAsync(id, JobControl.Abort);
        Assert.Equal(StepResult.Idle, await h.StepAsync(id));
        Assert.Equal(0, h.FaultChecks.Count);
    }

    // Issue 13: an executor that cannot confirm a cancel is not silently believed.
    [Fact]
    public async Task Abort_ExecutorCannotCancel_HostsCanceledButSaySoAndTheLogWarns()
    {
        await using var h = await EngineHarness.CreateAsync(servers: 3);
        h.Executor.Duration = TimeSpan.FromMinutes(10);
        var id = await h.CreateJobAsync("100%", FivePercent);
        await h.StepAsync(id);
        Assert.Equal(3, (await h.HostsAsync(id)).Count(x => x.Status == HostStatus.Running));
        h.Executor.CancelFailure = "connection refused (127.0.0.1:8000)";

        await h.ControlAsync(id, JobControl.Abort);

        var hosts = await h.HostsAsync(id);
        Assert.All(hosts, x => Assert.Equal(HostStatus.Canceled, x.Status));
        Assert.All(hosts, x => Assert.Contains("did not confirm the cancellation (connection refused (127.0.0.1:8000)): the command may still be running", x.Stderr));
        Assert.Contains(h.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("cancel", StringComparison.OrdinalIgnoreCase));
    }
}
