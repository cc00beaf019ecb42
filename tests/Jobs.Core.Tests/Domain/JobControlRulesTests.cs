using Jobs.Core.Domain;

namespace Jobs.Core.Tests.Domain;

/// <summary>
/// Issue 10: the buttons a dashboard shows (<see cref="Job.AllowedControls"/>) and the transitions the job service
/// applies are one rule. For every status and every job-level control, the transition succeeds exactly when the
/// control is allowed.
/// </summary>
public sealed class JobControlRulesTests
{
    private static readonly DateTime T0 = new(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc);

    public static TheoryData<JobStatus, JobControl> Cases()
    {
        var data = new TheoryData<JobStatus, JobControl>();
        foreach (var status in Enum.GetValues<JobStatus>())
            foreach (var control in JobControlText.All.Where(c => !JobControlText.IsHostControl(c)))
                data.Add(status, control);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Transition_AnyStatus_SucceedsExactlyWhenTheControlIsAllowed(JobStatus status, JobControl control)
    {
        var job = In(status);
        var allowed = Job.Allows(status, control);
        var ex = Record.Exception(() => Apply(job, control));
        Assert.True(allowed == ex is null,
            $"{control} on a {status} job: allowed is {allowed} but the transition {(ex is null ? "succeeded" : "threw: " + ex.Message)}");
        if (ex is not null) Assert.IsType<InvalidTransitionException>(ex);
    }

    [Fact]
    public void AllowedControls_FailedHosts_OfferRetryOnlyWhenSomethingFailed()
    {
        Assert.Contains(JobControl.RetryFailed, Job.AllowedControls(JobStatus.Paused, failedOrTimedOut: 1));
        Assert.DoesNotContain(JobControl.RetryFailed, Job.AllowedControls(JobStatus.Paused, failedOrTimedOut: 0));
        Assert.Equal([JobControl.Pause, JobControl.Abort], Job.AllowedControls(JobStatus.Running, failedOrTimedOut: 3));
        Assert.Empty(Job.AllowedControls(JobStatus.Succeeded, failedOrTimedOut: 0));
    }

    [Fact]
    public void AllowedHostControls_ByHostState_SkipPendingRetryFailed()
    {
        Assert.Equal([JobControl.SkipHost], Job.AllowedHostControls(JobStatus.Running, HostStatus.Pending));
        Assert.Empty(Job.AllowedHostControls(JobStatus.Running, HostStatus.Failed));
        Assert.Equal([JobControl.RetryHost], Job.AllowedHostControls(JobStatus.Paused, HostStatus.TimedOut));
        Assert.Empty(Job.AllowedHostControls(JobStatus.Aborted, HostStatus.Pending));
    }

    [Fact]
    public void Slugs_EveryControl_UniqueWithinItsScopeAndRoundTrip()
    {
        foreach (var c in JobControlText.All)
            Assert.Equal(c, JobControlText.FromSlug(JobControlText.Slug(c), JobControlText.IsHostControl(c)));
        // The API's existing routes keep their slugs.
        Assert.Equal(["pause", "resume", "abort", "retry-failed", "approve", "start-now"],
            JobControlText.All.Where(c => !JobControlText.IsHostControl(c)).Select(JobControlText.Slug));
    }

    private static void Apply(Job job, JobControl control)
    {
        switch (control)
        {
            case JobControl.Pause: job.Pause("by test"); break;
            case JobControl.Resume: job.Resume(); break;
            case JobControl.Abort: job.Abort("by test", T0); break;
            case JobControl.Approve: job.Approve(); break;
            case JobControl.RetryFailed: job.ReopenForRetry(JobControl.RetryFailed, 1); break;
            case JobControl.StartNow: job.StartNow(T0); break;
            default: throw new ArgumentOutOfRangeException(nameof(control));
        }
    }

    /// <summary>A job brought to <paramref name="status"/> through its own transitions.</summary>
    private static Job In(JobStatus status)
    {
        var job = new Job(new JobDefinition("j", null, "env=prod", "simulated", "{}", "1", 10, 60, true, null,
            GateSettings.Default, GateFailureAction.Pause, null), "alice", T0);
        if (status == JobStatus.Scheduled) return job;
        job.Start(T0);
        switch (status)
        {
            case JobStatus.AwaitingApproval: job.AwaitApproval(); break;
            case JobStatus.Paused: job.Pause("by test"); break;
            case JobStatus.Succeeded: job.Complete(anyFailures: false, T0); break;
            case JobStatus.CompletedWithFailures: job.Complete(anyFailures: true, T0); break;
            case JobStatus.Aborted: job.Abort("by test", T0); break;
        }
        Assert.Equal(status, job.Status);
        return job;
    }
}
