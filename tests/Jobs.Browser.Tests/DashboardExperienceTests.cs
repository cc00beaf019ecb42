using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jobs.Browser.Tests;

/// <summary>Issue 9: the dashboard keeps what it says true as the job moves on, and says what a state means.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardExperienceTests(BrowserFixture fx)
{
    private async Task<long> CreateAsync(string name, JsonObject parameters, string batches, JsonObject gates)
    {
        var response = await fx.Api.PostAsJsonAsync("/api/v1/jobs", new JsonObject
        {
            ["name"] = name,
            ["filter"] = "env=prod",
            ["executor"] = "simulated",
            ["parameters"] = parameters,
            ["batches"] = batches,
            ["parallelism"] = 10,
            ["gates"] = gates,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!["id"]!.GetValue<long>();
    }

    private async Task<int> LiveJobsAsync()
    {
        var total = 0;
        foreach (var status in new[] { "Running", "AwaitingApproval" })
            total += JsonNode.Parse(await fx.Api.GetStringAsync($"/api/v1/jobs?status={status}&take=1"))!["total"]!.GetValue<int>();
        return total;
    }

    [Fact]
    public async Task Dashboard_ApprovedThenAwaitingAgainThenAborted_FlashAndNavBadgeFollowTheJob_Issue9()
    {
        var id = await CreateAsync("approval flow", new JsonObject { ["latencyMs"] = 20, ["failureRate"] = 0 }, "1,1,50%",
            new JsonObject { ["maxFailurePercent"] = 10, ["manualApproval"] = true });
        var page = await fx.NewPageAsync();
        await page.GotoAsync($"/jobs/{id}");
        var status = page.Locator("[data-testid=job-status]");
        await Expect(status).ToHaveTextAsync("Awaiting approval", new() { Timeout = 30_000 });
        // Item 7: which batch finished, that the job waits, who may approve, what approving starts.
        var notice = page.Locator("[data-testid=notice]");
        await Expect(notice).ToContainTextAsync("Batch 1 of 4 finished (1 host succeeded, 0 failed)");
        await Expect(notice).ToContainTextAsync("waits for approval");
        await Expect(notice).ToContainTextAsync("Operator role may approve");
        await Expect(notice).ToContainTextAsync("Approving starts batch 2 of 4 (1 host)");
        var firstBatch = page.Locator("[data-testid=batch-table] tbody tr").First;
        await Expect(firstBatch).ToContainTextAsync("Awaiting approval");
        await Expect(firstBatch).ToContainTextAsync("waiting for approval");
        await fx.ScreenshotAsync(page, "dashboard-awaiting-approval");
        await Expect(page.Locator("[data-testid=running-count]")).ToBeVisibleAsync();

        await page.ClickAsync("form[data-control=approve] button");
        await Expect(page.Locator("[data-flash]")).ToContainTextAsync("approved");
        // Batch 2 runs and the job waits again: the "approved" message no longer describes it and goes away.
        await Expect(status).ToHaveTextAsync("Awaiting approval", new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-flash]")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await Expect(notice).ToContainTextAsync("Batch 2 of 4 finished");
        await Expect(notice).ToContainTextAsync("Approving starts batch 3 of 4");

        await page.ClickAsync("[data-control=abort]");
        await page.ClickAsync("[data-testid=confirm-abort]");
        await Expect(status).ToHaveTextAsync("Aborted");
        await Expect(page.Locator("[data-flash]")).ToContainTextAsync("abort");
        await Expect(notice).ToBeHiddenAsync();
        // The navigation badge counts live jobs as of the last refresh, not as of the page load.
        var live = await LiveJobsAsync();
        var badge = page.Locator("[data-testid=running-count]");
        if (live == 0) await Expect(badge).ToBeHiddenAsync();
        else await Expect(badge).ToHaveTextAsync(live.ToString());
    }

    [Fact]
    public async Task Dashboard_CreatedThenPausedByGate_CreatedMessageIsRemoved_Issue9()
    {
        var page = await fx.NewPageAsync();
        await page.GotoAsync("/jobs/new");
        await page.FillAsync("#Name", "Failing demo");
        await page.FillAsync("#Filter", "env=prod");
        await page.ClickAsync("[data-testid=next]");
        await page.CheckAsync("#executor-simulated");
        await page.ClickAsync("[data-testid=failing-demo]");
        await page.FillAsync("#Parameters", """{"latencyMs": 20, "jitterMs": 0, "failureRate": 1, "seed": 1}""");
        for (var i = 0; i < 3; i++) await page.ClickAsync("[data-testid=next]");
        await page.ClickAsync("[data-testid=create]");
        await Expect(page.Locator("[data-testid=job-status]")).ToHaveTextAsync("Paused", new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-flash]")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await fx.ScreenshotAsync(page, "dashboard-paused-by-gate");
    }

    [Fact]
    public async Task ScheduledJob_TimesLabelledWithTheZone_StartNowRunsItAtOnce_Issue9()
    {
        var startAt = DateTime.UtcNow.AddHours(3);
        var response = await fx.Api.PostAsJsonAsync("/api/v1/jobs", new JsonObject
        {
            ["name"] = "later",
            ["filter"] = "env=prod",
            ["executor"] = "simulated",
            ["parameters"] = new JsonObject { ["latencyMs"] = 20, ["failureRate"] = 0 },
            ["batches"] = "10%",
            ["startAt"] = startAt.ToString("yyyy-MM-ddTHH:mm:ssZ"),
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var id = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();

        var page = await fx.NewPageAsync(); // the browser is in Asia/Shanghai (UTC+8)
        await page.GotoAsync($"/jobs/{id}");
        var local = startAt.AddHours(8);
        var banner = page.Locator("[data-testid=scheduled-banner]");
        await Expect(banner).ToHaveTextAsync($"Starts at {local:yyyy-MM-dd HH:mm:ss} UTC+8.");
        var created = await page.Locator("time[data-local]").First.TextContentAsync();
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC\+8$", created);
        await fx.ScreenshotAsync(page, "dashboard-scheduled");

        // Start now: the scheduled job runs at once instead of in three hours.
        await page.ClickAsync("form[data-control=start-now] button");
        await Expect(page.Locator("[data-testid=job-status]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Running|Succeeded"), new() { Timeout = 30_000 });
        await Expect(page.Locator("form[data-control=start-now]")).ToBeHiddenAsync();
        await Expect(page.Locator("[data-testid=job-status]")).ToHaveTextAsync("Succeeded", new() { Timeout = 60_000 });
    }
}
