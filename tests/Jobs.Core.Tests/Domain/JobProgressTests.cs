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

    [Fact]
    public void Eta_RunningJob_RemainingAtTheRateSoFar()
    {
        // 100 of 400 hosts done in 50 s → 300 more take 150 s.
        Assert.Equal(TimeSpan.FromSeconds(150), JobProgress.Eta(JobStatus.Running, Start, null, Start.AddSeconds(50), 400, 100));
        Assert.Equal(TimeSpan.Zero, JobProgress.Eta(JobStatus.Running, Start, null, Start.AddSeconds(50), 400, 400));
    }

    [Theory]
    [InlineData(JobStatus.Paused)]
    [InlineData(JobStatus.AwaitingApproval)]
    [InlineData(JobStatus.Succeeded)]
    [InlineData(JobStatus.Scheduled)]
    public void Eta_JobNotMoving_Null(JobStatus status) =>
        Assert.Null(JobProgress.Eta(status, Start, null, Start.AddSeconds(50), 400, 100));

    [Fact]
    public void Eta_NothingFinishedOrNotStarted_Null()
    {
        Assert.Null(JobProgress.Eta(JobStatus.Running, Start, null, Start.AddSeconds(50), 400, 0));
        Assert.Null(JobProgress.Eta(JobStatus.Running, null, null, Start.AddSeconds(50), 400, 10));
    }
}
