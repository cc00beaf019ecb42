using Jobs.Core.Domain;

namespace Jobs.Core.Tests.Domain;

/// <summary>Issue 8: a job with a dangerous command waits, before its first batch, for an Admin other than its creator.</summary>
public sealed class TwoPersonRuleTests
{
    private static readonly DateTime T0 = new(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc);

    private static Job Dangerous()
    {
        var job = new Job(new JobDefinition("j", null, "env=prod", "local", "{}", "1", 10, 60, true, null, GateSettings.Default,
            GateFailureAction.Pause, null), "api-key:ci", T0, createdByUser: "alice");
        job.RequireSecondApproval("'rm -rf' matches the rule x");
        return job;
    }

    [Fact]
    public void RequireSecondApproval_NewJob_AwaitsApprovalAndCannotStart()
    {
        var job = Dangerous();
        Assert.Equal(JobStatus.AwaitingApproval, job.Status);
        Assert.True(job.AwaitsSecondApproval);
        Assert.Throws<InvalidTransitionException>(() => job.Start(T0));
        Assert.Throws<InvalidTransitionException>(() => job.Approve());
    }

    [Fact]
    public void ApproveDangerous_ByItsCreator_IsRefusedEvenThroughAnotherCredential()
    {
        var job = Dangerous();
        var ex = Assert.Throws<TwoPersonRuleException>(() => job.ApproveDangerous("ALICE", approverIsAdmin: true));
        Assert.Contains("another Admin must approve", ex.Message);
        Assert.Equal(JobStatus.AwaitingApproval, job.Status);
    }

    [Fact]
    public void ApproveDangerous_ByANonAdmin_IsRefused() =>
        Assert.Contains("Only an Admin", Assert.Throws<TwoPersonRuleException>(() => Dangerous().ApproveDangerous("bob", approverIsAdmin: false)).Message);

    [Fact]
    public void ApproveDangerous_ByAnotherAdmin_SchedulesTheJob()
    {
        var job = Dangerous();
        job.ApproveDangerous("bob", approverIsAdmin: true);
        Assert.Equal(JobStatus.Scheduled, job.Status);
        Assert.Equal("bob", job.SecondApprover);
        Assert.False(job.AwaitsSecondApproval);
        job.Start(T0);
        Assert.Equal(JobStatus.Running, job.Status);
    }

    [Fact]
    public void PauseThenResume_BeforeApproval_ReturnsToTheWait()
    {
        var job = Dangerous();
        job.Pause("paused by bob");
        job.Resume();
        Assert.Equal(JobStatus.AwaitingApproval, job.Status);
        Assert.True(job.AwaitsSecondApproval);
    }
}
