using System.Text.Json.Nodes;
using Jobs.Core.Domain;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Jobs.Web.Tests.Engine.EngineFixture;

namespace Jobs.Web.Tests.Engine;

public sealed class AbortCategoryTests
{
    [Fact]
    public async Task Abort_InFlightHostsIssue11_CanceledWithoutBlamingTheHost()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedServersAsync(database, 60);
        await using var app = new JobsWebFactory(database, FastTicks());
        var client = app.CreateClient();
        var slow = new JsonObject { ["latencyMs"] = 5000, ["jitterMs"] = 0, ["failureRate"] = 0, ["seed"] = 1 };
        var id = (await CreateAsync(client, Request("a", parameters: slow, batches: "50", parallelism: 10)))["id"]!.GetValue<long>();
        await WaitAsync(client, id, j => j["totals"]!["running"]!.GetValue<int>() > 0, what: "hosts in flight");

        await client.PostAsync($"/api/v1/jobs/{id}/abort", null);

        await using var db = database.CreateContext();
        var canceled = await db.HostTasks.Where(h => h.JobId == id && h.Status == HostStatus.Canceled).ToListAsync();
        Assert.NotEmpty(canceled);
        // An operator's abort is not the host's fault (Environment) nor ours (System): no category.
        Assert.All(canceled, h => Assert.Null(h.Category));
        Assert.All(canceled, h => Assert.Equal("canceled: the job was aborted", h.Stderr));
    }
}
