using Jobs.Core.Domain;

namespace Jobs.Core.Tests.Domain;

public sealed class JobProgressTests
{
    private static readonly DateTime Start = new(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void SuccessRate_CanceledAndSkippedHaveNoVerdict_LeftOut()
    {
        Assert.Null(JobProgress.SuccessRate(0, 0, 0));
        Assert.Equal(75.0, JobProgress.SuccessRate(3, 1, 0));
        Assert.Equal(50.0, JobProgress.SuccessRate(2, 1, 1));
    }

    private static readonly BatchProgress[] Plan =
    [
        new(1, 4, 0, 2_000),    // done, hosts took 2 s
        new(2, 40, 30, 3_000),  // 10 done, latest median 3 s
        new(3, 100, 100, null), // not started
    ];

    [Fact]
    public void Eta_RunningJob_WavesOfParallelismAtTheLatestHostDuration_Issue9()
    {
        // Parallelism 20: batch 2 has 30 left → 2 waves; batch 3 has 100 → 5 waves; 7 × 3 s = 21 s, plus 10 s bake × 2.
        Assert.Equal(TimeSpan.FromSeconds(41), JobProgress.Eta(JobStatus.Running, 20, 10, Plan));
    }

    [Fact]
    public void Eta_AfterALongPause_DoesNotCountThePause_Issue9()
    {
        // The estimate has no clock in it: a job that sat paused for an hour estimates what its hosts need, not the hour.
        Assert.Equal(TimeSpan.FromSeconds(21), JobProgress.Eta(JobStatus.Running, 20, 0, Plan));
    }

    [Fact]
    public void Eta_SmallBatches_LimitTheWaveWidth()
    {
        // A batch of 4 runs at most 4 at once even with parallelism 50.
        Assert.Equal(TimeSpan.FromSeconds(2), JobProgress.Eta(JobStatus.Running, 50, 0, [new(1, 4, 4, null), new(0, 1, 0, 2_000)]));
    }

    [Theory]
    [InlineData(JobStatus.Paused)]
    [InlineData(JobStatus.AwaitingApproval)]
    [InlineData(JobStatus.Succeeded)]
    [InlineData(JobStatus.Scheduled)]
    public void Eta_JobNotMoving_Null(JobStatus status) =>
        Assert.Null(JobProgress.Eta(status, 20, 0, Plan));

    [Fact]
    public void Eta_NothingFinished_Null() =>
        Assert.Null(JobProgress.Eta(JobStatus.Running, 20, 0, [new(1, 4, 4, null)]));
}
