using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Jobs.Testing;
using Jobs.Web.Tests.Engine;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Web.Tests.Api;

/// <summary>Issue 13: <c>maxPerAppPercent</c> through the API — preview and create plan no batch over the cap.</summary>
public sealed class MaxPerAppApiTests
{
    [Fact]
    public async Task CreateJob_MaxPerAppPercent_NoBatchTakesMoreOfAnAppThanTheCap_Issue13()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await EngineFixture.SeedServersAsync(database, 40);
        await using var app = new JobsWebFactory(database, new Dictionary<string, string?> { ["Jobs:Scheduler:Enabled"] = "false" });
        var client = app.CreateClient();
        var request = EngineFixture.Request("capped", batches: "100%");
        request["maxPerAppPercent"] = 20;

        var preview = await client.PostAsJsonAsync("/api/v1/jobs/preview", request);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var planned = (await preview.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batches").EnumerateArray()
            .Select(b => b.GetProperty("size").GetInt32()).ToList();
        Assert.True(planned.Count > 1, "one 100% batch would exceed the cap; the planner adds batches instead");
        Assert.Equal(40, planned.Sum());

        var created = await EngineFixture.CreateAsync(client, request);
        Assert.Equal(20m, created["maxPerAppPercent"]!.GetValue<decimal>());
        Assert.Equal(planned, created["batches"]!.AsArray().Select(b => b!["size"]!.GetValue<int>()).ToList());
        await using var db = database.CreateContext();
        var id = created["id"]!.GetValue<long>();
        var appSizes = await db.HostTasks.Where(h => h.JobId == id).GroupBy(h => h.App).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N);
        var perBatch = await db.HostTasks.Where(h => h.JobId == id).GroupBy(h => new { h.BatchIndex, h.App })
            .Select(g => new { g.Key.BatchIndex, g.Key.App, N = g.Count() }).ToListAsync();
        Assert.All(perBatch, g => Assert.True(g.N <= Math.Max(1, (int)Math.Floor(20m * appSizes[g.App] / 100m)),
            $"batch {g.BatchIndex} takes {g.N} of {appSizes[g.App]} {g.App} hosts, over 20%"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(100.5)]
    public async Task CreateJob_MaxPerAppPercentOutOfRange_Is400NamingTheField_Issue13(double value)
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await EngineFixture.SeedServersAsync(database, 10);
        await using var app = new JobsWebFactory(database, new Dictionary<string, string?> { ["Jobs:Scheduler:Enabled"] = "false" });
        var client = app.CreateClient();
        var request = EngineFixture.Request("bad cap");
        request["maxPerAppPercent"] = value;

        var response = await client.PostAsJsonAsync("/api/v1/jobs", request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("above 0 and at most 100", errors.GetProperty("maxPerAppPercent")[0].GetString());
        await using var db = database.CreateContext();
        Assert.Empty(db.Jobs);
    }
}
