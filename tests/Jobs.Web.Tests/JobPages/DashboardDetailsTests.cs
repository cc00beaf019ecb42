using System.Text.Json.Nodes;
using Jobs.Core.Domain;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Jobs.Web.Tests.JobPages;

/// <summary>Issue 9, items 14 and 15: failures readable and grouped, the command a host ran, a timeline true at any size.</summary>
public sealed class DashboardDetailsTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private JobsWebFactory _app = null!;
    private HttpClient _client = null!;
    private long _done;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await using (var ctx = _db.CreateContext())
            _done = await JobSeeder.SeedAsync(ctx, [2, 10, 30], JobStatus.CompletedWithFailures, finishAll: true, name: "rotate certs");
        _app = new JobsWebFactory(_db, new Dictionary<string, string?> { ["Jobs:Scheduler:Enabled"] = "false" });
        _client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _db.DisposeAsync();
    }

    private async Task<int> FailedCountAsync()
    {
        await using var ctx = _db.CreateContext();
        return ctx.HostTasks.Count(h => h.JobId == _done && h.Status == HostStatus.Failed);
    }

    [Fact]
    public async Task Dashboard_FailedHosts_GroupedByFirstStderrLineAndEachGroupFiltersTheTable_Issue9()
    {
        var failed = await FailedCountAsync();
        var page = await _client.GetPageAsync($"/jobs/{_done}");

        var group = Assert.Single(page.QuerySelectorAll("[data-testid=failure-group]"));
        Assert.Contains($"{failed} hosts", group.TextContent);
        Assert.Contains("connection refused", group.TextContent);

        var filtered = await _client.GetPageAsync(group.GetAttribute("href")!.Replace("#hosts", ""));
        var rows = filtered.QuerySelectorAll("[data-testid=host-table] tbody tr");
        Assert.Equal(failed, rows.Length);
        Assert.All(rows, r => Assert.Contains("connection refused", r.QuerySelector("[data-testid=host-error]")!.TextContent));
        Assert.Equal($"1–{failed} of {failed}", filtered.QuerySelector("[data-testid=host-range]")!.TextContent.Trim());
    }

    [Fact]
    public async Task HostPage_ShowsTheParametersAsRunOnThatHost_Issue9()
    {
        string hostname;
        await using (var ctx = _db.CreateContext())
            hostname = ctx.HostTasks.Where(h => h.JobId == _done).OrderBy(h => h.Id).Select(h => h.Hostname).First();

        var page = await _client.GetPageAsync($"/jobs/{_done}/hosts/{hostname}");

        Assert.Equal(hostname, page.QuerySelector("h1")!.TextContent.Trim());
        var rendered = JsonNode.Parse(page.QuerySelector("[data-testid=rendered-parameters]")!.TextContent)!;
        Assert.Equal(10, rendered["latencyMs"]!.GetValue<int>());
        Assert.Contains("Ran on this host", page.QuerySelector("[data-testid=rendered-parameters]")!.ParentElement!.ParentElement!.TextContent);
    }

    [Fact]
    public async Task Live_Timeline_IsBucketedFromHostFinishTimes_Issue9()
    {
        var json = JsonNode.Parse(await _client.GetStringAsync($"/jobs/{_done}/live"))!;
        var points = json["timeline"]!.AsArray().Select(p => (X: p!["x"]!.GetValue<double>(), Y: p["y"]!.GetValue<int>())).ToList();

        // At most 60 steps plus the origin, rising monotonically to every host that finished (all 42 here).
        Assert.Equal(61, points.Count);
        Assert.Equal((0d, 0), points[0]);
        Assert.Equal(42, points[^1].Y);
        Assert.True(points.Zip(points.Skip(1)).All(p => p.Second.Y >= p.First.Y && p.Second.X > p.First.X));
        // The seeded hosts finished in three bursts (minutes 1, 2, 3 after start): the curve has flat stretches, not a straight line.
        Assert.True(points.Count(p => p.Y == 42) > 30);
    }
}
