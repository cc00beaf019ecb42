using Jobs.Core.Engine;

namespace Jobs.Core.Tests.Engine;

/// <summary>While the database is away a job's loop backs off instead of failing every tick (issue 13).</summary>
public sealed class JobLoopBackoffTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(200);

    [Fact]
    public void Backoff_DatabaseAnswering_IsTheTick() => Assert.Equal(Tick, JobLoop.Backoff(Tick, 0));

    [Fact]
    public void Backoff_EachFailedStepOfAnOutage_DoublesUpTo10Seconds()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(400), JobLoop.Backoff(Tick, 1));
        Assert.Equal(TimeSpan.FromMilliseconds(800), JobLoop.Backoff(Tick, 2));
        Assert.Equal(TimeSpan.FromSeconds(10), JobLoop.Backoff(Tick, 6));
        Assert.Equal(TimeSpan.FromSeconds(10), JobLoop.Backoff(Tick, 1000));
    }
}
