using Jobs.Core.Domain;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Web.Tests.JobPages;

/// <summary>Issue 9: the home page puts jobs that need an operator first, and says why.</summary>
public sealed class HomeAttentionTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private JobsWebFactory _app = null!;
    private long _quiet, _failing, _gate, _approval, _operatorPaused;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await using (var ctx = _db.CreateContext())
        {
            _approval = await JobSeeder.SeedAsync(ctx, [1, 5], JobStatus.Running, name: "waits for me");
            _gate = await JobSeeder.SeedAsync(ctx, [1, 5], JobStatus.Running, name: "stopped by gate");
            _failing = await JobSeeder.SeedAsync(ctx, [20, 100], JobStatus.Running, name: "failing hosts");
            _quiet = await JobSeeder.SeedAsync(ctx, [1, 5], JobStatus.Running, name: "all fine");
            _operatorPaused = await JobSeeder.SeedAsync(ctx, [1, 5], JobStatus.Paused, name: "paused on purpose");
            (await ctx.Jobs.SingleAsync(j => j.Id == _approval)).AwaitApproval();
            (await ctx.Jobs.SingleAsync(j => j.Id == _gate)).StopByGate("batch 1: failure rate 40% > 10%", JobSeeder.T0.AddMinutes(5));
            await ctx.SaveChangesAsync();
        }
        _app = new JobsWebFactory(_db, new Dictionary<string, string?> { ["Jobs:Scheduler:Enabled"] = "false" });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task Home_JobsNeedingAnOperator_ListedFirstWithTheReason_Issue9()
    {
        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await client.GetPageAsync("/");

        var items = page.QuerySelectorAll("[data-testid=attention] li");
        Assert.Equal([_approval, _gate, _failing], items.Select(i => long.Parse(i.GetAttribute("data-job-id")!)));
        Assert.Contains("waits for approval after batch 1 of 2", items[0].TextContent);
        Assert.Contains("stopped by a gate: batch 1: failure rate 40% > 10%", items[1].TextContent);
        Assert.Contains("2 hosts failed so far", items[2].TextContent);
        // The active table lists the same jobs first too, the quiet ones after.
        var active = page.QuerySelectorAll("table.job-table")[0].QuerySelectorAll("tbody tr")
            .Select(r => long.Parse(r.GetAttribute("data-job-id")!)).ToList();
        Assert.Equal([_approval, _gate, _failing], active.Take(3));
        Assert.Contains(_quiet, active);
        Assert.Contains(_operatorPaused, active);
    }
}
