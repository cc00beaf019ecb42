using System.Net;
using Jobs.Core.Domain;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;

namespace Jobs.Web.Tests.Servers;

/// <summary>Issue 9, host history: a server's page lists the jobs that touched it, with what happened to it in each.</summary>
public sealed class ServerHistoryTests
{
    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task ServerPage_HostInTwoJobs_ListsBothNewestFirstWithTheOutcome_Issue9(TestProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        long first, second;
        string failedHost;
        await using (var ctx = db.CreateContext())
        {
            first = await JobSeeder.SeedAsync(ctx, [20, 10], JobStatus.CompletedWithFailures, finishAll: true, name: "first run");
            second = await JobSeeder.SeedAsync(ctx, [20, 10], JobStatus.Running, name: "second run");
            failedHost = ctx.HostTasks.Where(h => h.JobId == first && h.Status == HostStatus.Failed).OrderBy(h => h.Id).Select(h => h.Hostname).First();
        }
        await using var app = new JobsWebFactory(db, new Dictionary<string, string?> { ["Jobs:Scheduler:Enabled"] = "false" });
        using var client = app.CreateClient();

        var page = await client.GetPageAsync($"/servers/{failedHost}");

        Assert.Equal(failedHost, page.QuerySelector("h1")!.TextContent.Trim());
        var rows = page.QuerySelectorAll("[data-testid=host-history] tbody tr");
        Assert.Equal([second, first], rows.Select(r => long.Parse(r.GetAttribute("data-job-id")!)));
        Assert.Equal("Failed", rows[1].QuerySelector("[data-testid=outcome]")!.TextContent.Trim());
        Assert.Contains("connection refused", rows[1].TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/servers/no-such-host.example")).StatusCode);
    }
}
