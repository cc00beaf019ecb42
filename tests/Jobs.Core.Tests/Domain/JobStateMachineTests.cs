using Jobs.Core.Domain;

namespace Jobs.Core.Tests.Domain;

public sealed class JobStateMachineTests
{
    private static readonly DateTime T0 = new(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc);

    private static Job NewJob(GateFailureAction onGateFailure = GateFailureAction.Pause) =>
        new(new JobDefinition("j", null, "env=prod", "simulated", "{}", "1", 10, 60, true, null, GateSettings.Default, onGateFailure, null), "alice", T0);

    private static Job Running()
    {
        var job = NewJob();
        job.Start(T0);
        return job;
    }

    [Fact]
    public void Start_Scheduled_Runs()
    {
        var job = NewJob();
        job.Start(T0);
        Assert.Equal(JobStatus.Running, job.Status);
        Assert.Equal(T0, job.StartedAt);
    }

    [Fact]
    public void StartNow_Scheduled_MovesTheStartTimeToNow_Issue9()
    {
        var job = NewJob();
        var version = job.Version;
        job.StartNow(T0.AddMinutes(3));
        Assert.Equal(JobStatus.Scheduled, job.Status); // the engine starts it on its next step
        Assert.Equal(T0.AddMinutes(3), job.StartAt);
        Assert.Equal(version + 1, job.Version);
    }

    [Fact]
    public void StartNow_Running_Throws_Issue9() =>
        Assert.Throws<InvalidTransitionException>(() => Running().StartNow(T0));

    [Fact]
    public void Pause_Running_PausedByOperator_ResumeRuns()
    {
        var job = Running();
        job.Pause("paused by bob");
        Assert.Equal((JobStatus.Paused, JobStopKind.Operator), (job.Status, job.StopKind));
        job.Resume();
        Assert.Equal(JobStatus.Running, job.Status);
        Assert.Null(job.StopKind);
        Assert.Null(job.StopReason);
    }

    [Fact]
    public void Resume_PausedBeforeStart_BackToScheduled()
    {
        var job = NewJob();
        job.Pause("x");
        job.Resume();
        Assert.Equal(JobStatus.Scheduled, job.Status);
    }

    [Fact]
    public void StopByGate_PauseSetting_PausedWithGateReason()
    {
        var job = Running();
        job.StopByGate("batch 2: failure rate 12.5% > 10%", T0);
        Assert.Equal((JobStatus.Paused, JobStopKind.Gate, "batch 2: failure rate 12.5% > 10%"), (job.Status, job.StopKind, job.StopReason));
    }

    [Fact]
    public void StopByGate_AbortSetting_Aborted()
    {
        var job = NewJob(GateFailureAction.Abort);
        job.Start(T0);
        job.StopByGate("r", T0);
        Assert.Equal(JobStatus.Aborted, job.Status);
        Assert.Equal(T0, job.FinishedAt);
    }

    [Fact]
    public void ResumeAfterSystemFault_OnlyForSystemPause()
    {
        var job = Running();
        job.Pause("operator");
        Assert.Throws<InvalidTransitionException>(job.ResumeAfterSystemFault);

        var other = Running();
        other.PauseForSystemFault("salt-api unreachable");
        Assert.Equal(JobStopKind.System, other.StopKind);
        other.ResumeAfterSystemFault();
        Assert.Equal(JobStatus.Running, other.Status);
    }

    [Fact]
    public void Approve_OnlyWhenAwaitingApproval()
    {
        var job = Running();
        Assert.Throws<InvalidTransitionException>(job.Approve);
        job.AwaitApproval();
        job.Approve();
        Assert.Equal(JobStatus.Running, job.Status);
    }

    [Fact]
    public void Abort_Terminal_Throws()
    {
        var job = Running();
        job.Abort("by bob", T0);
        var ex = Assert.Throws<InvalidTransitionException>(() => job.Abort("again", T0));
        Assert.Contains("already aborted", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidTransitionException>(() => job.Pause("x"));
        Assert.Throws<InvalidTransitionException>(job.Resume);
        Assert.Throws<InvalidTransitionException>(() => job.ReopenForRetry(JobControl.RetryFailed, 1));
    }

    [Fact]
    public void ReopenForRetry_CompletedWithFailures_RunsAgain()
    {
        var job = Running();
        job.Complete(anyFailures: true, T0);
        Assert.Equal(JobStatus.CompletedWithFailures, job.Status);
        job.ReopenForRetry(JobControl.RetryFailed, 1);
        Assert.Equal(JobStatus.Running, job.Status);
        Assert.Null(job.FinishedAt);
    }

    [Fact]
    public void ReopenForRetry_Succeeded_Throws() 
    {
        var job = Running();
        job.Complete(anyFailures: false, T0);
        Assert.Throws<InvalidTransitionException>(() => job.ReopenForRetry(JobControl.RetryFailed, 1));
    }

    [Fact]
    public void Transitions_BumpVersion()
    {
        var job = NewJob();
        var v = job.Version;
        job.Start(T0);
        job.Pause("p");
        job.Resume();
        Assert.Equal(v + 3, job.Version);
    }

    [Fact]
    public void Resume_Running_ThrowsWithReason()
    {
        var ex = Assert.Throws<InvalidTransitionException>(Running().Resume);
        Assert.Contains("the job is running", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HostTask_Transitions_Guarded()
    {
        var host = new HostTask(1, 1, 1, 0, "h", "10.0.0.1", "i", "e", "a");
        Assert.Throws<InvalidTransitionException>(() => host.MarkDispatched("ref"));
        Assert.Throws<InvalidTransitionException>(() => host.Finish(HostStatus.Succeeded, 0, null, "", "", T0));
        Assert.Throws<InvalidTransitionException>(() => host.ArchiveForRetry());
    }

    [Fact]
    public void Batch_Lifecycle_Guarded()
    {
        var batch = new Batch(1, 10);
        Assert.Throws<InvalidTransitionException>(() => batch.Pass("ok", T0));
        batch.Start(T0);
        batch.BeginVerifying(null);
        batch.Pass("ok", T0);
        Assert.Equal(BatchStatus.Succeeded, batch.Status);
        batch.Reopen();
        Assert.Equal(BatchStatus.Running, batch.Status);
        Assert.Null(batch.GatePassed);
    }
}
