using Jobs.Core.Application;
using Jobs.Core.Domain;

namespace Jobs.Core.Tests.Engine;

/// <summary>The parallelism cap, 10,000 hosts in flight (issue 12; docs/engine.md says why).</summary>
public sealed class ParallelismCapTests
{
    [Fact]
    public async Task Create_AtTheCap_Accepted_AboveIt_FieldErrorNamesTheLimit()
    {
        await using var h = await EngineHarness.CreateAsync(servers: 2);

        Assert.True(await h.CreateJobAsync("2", GateSettings.Default, parallelism: JobLimits.MaxParallelism) > 0);
        var error = await Assert.ThrowsAsync<JobValidationException>(
            () => h.CreateJobAsync("2", GateSettings.Default, parallelism: JobLimits.MaxParallelism + 1));

        Assert.Equal(["Parallelism must be between 1 and 10,000 hosts in flight."], error.Errors["parallelism"]);
        Assert.Equal(10_000, JobLimits.MaxParallelism);
    }
}
