using Jobs.Core.Domain;
using Jobs.Core.Engine;
using Jobs.Core.Persistence;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jobs.Web.Tests.Engine.EngineFixture;

namespace Jobs.Web.Tests.Engine;

/// <summary>
/// Regression (issue 3, "pause: no new hosts start"): a step that loaded the job as Running just before an operator
/// paused it used to claim and dispatch more hosts after the pause had been answered. The scheduler is off here and
/// the race is replayed by hand: the step's context holds the job as it was before the pause.
/// </summary>
public sealed class PauseRaceTests
{
    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Step_JobPausedAfterItWasLoaded_StartsNoNewHost(TestProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedServersAsync(database, 40);
        await using var app = new JobsWebFactory(database, new Dictionary<string, string?> { ["Jobs:Scheduler:Enabled"] = "false" });
        var client = app.CreateClient();
        var parameters = new System.Text.Json.Nodes.JsonObject { ["latencyMs"] = 0, ["jitterMs"] = 0, ["failureRate"] = 0, ["seed"] = 1 };
        var id = (await CreateAsync(client, Request("race", parameters: parameters, batches: "100%", parallelism: 5)))["id"]!.GetValue<long>();

        await using (var first = app.Services.CreateAsyncScope())
            await first.ServiceProvider.GetRequiredService<JobEngine>().StepAsync(id, CancellationToken.None);
        Assert.Equal(5, await StartedAsync(database, id));

        await using var stale = app.Services.CreateAsyncScope();
        var staleDb = stale.ServiceProvider.GetRequiredService<JobsDbContext>();
        var loaded = await staleDb.Jobs.Include(j => j.Batches).SingleAsync(j => j.Id == id);
        Assert.Equal(JobStatus.Running, loaded.Status);

        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.PostAsync($"/api/v1/jobs/{id}/pause", null)).StatusCode);
        // The step runs on the context that still holds the job as Running: the 5 in-flight hosts finish (latency 0),
        // which frees 5 slots, and the stale view would fill them.
        await stale.ServiceProvider.GetRequiredService<JobEngine>().StepAsync(id, CancellationToken.None);

        Assert.Equal(5, await StartedAsync(database, id));
        await using var check = database.CreateContext();
        Assert.Equal(JobStatus.Paused, (await check.Jobs.SingleAsync(j => j.Id == id)).Status);
        Assert.Equal(0, await check.HostTasks.CountAsync(h => h.JobId == id && h.Status == HostStatus.Running));
    }

    private static async Task<int> StartedAsync(TestDatabase database, long jobId)
    {
        await using var db = database.CreateContext();
        return await db.HostTasks.CountAsync(h => h.JobId == jobId && h.StartedAt != null);
    }
}
