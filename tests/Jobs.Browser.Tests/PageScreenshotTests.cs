using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jobs.Browser.Tests;

/// <summary>Every page at a laptop size and a phone width, saved as test artifacts (and checked not to overflow sideways).</summary>
[Collection(BrowserCollection.Name)]
public sealed class PageScreenshotTests(BrowserFixture fx)
{
    public static TheoryData<string, string> Pages => new()
    {
        { "/", "home" },
        { "/jobs", "jobs" },
        { "/jobs/new", "wizard" },
        { "/servers", "servers" },
        { "/servers/sources/netbox-lab/preview", "servers-sync-preview" },
        { "/audit", "audit" },
        { "/settings/executors", "settings-executors" },
        { "/settings/users", "settings-users" },
        { "/settings/notifications", "settings-notifications" },
        { "/account", "account" },
        { "/login", "login" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_DesktopAndPhone_RendersWithoutHorizontalOverflow(string path, string name)
    {
        foreach (var (w, h, suffix) in new[] { (1366, 768, "desktop"), (390, 844, "phone") })
        {
            var page = path == "/login" ? await fx.NewAnonymousPageAsync(w, h) : await fx.NewPageAsync(w, h);
            await AssertRealPageAsync(page, path);
            await fx.ScreenshotAsync(page, $"{name}-{suffix}");
            var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 1, $"{path} at {w}px scrolls sideways by {overflow}px");
            await page.Context.CloseAsync();
        }
    }

    /// <summary>
    /// The page itself answered 200 at the address asked for: not a redirect (to sign-in, say), not the error page,
    /// which has the navbar too and would pass a navbar check (issue 13).
    /// </summary>
    private static async Task AssertRealPageAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path);
        Assert.NotNull(response);
        Assert.True(response.Status == 200, $"{path}: HTTP {response.Status}");
        Assert.Equal(path, new Uri(page.Url).AbsolutePath);
        Assert.True(response.Request.RedirectedFrom is null, $"{path} was redirected to {page.Url}");
        Assert.Equal(0, await page.Locator("[data-testid=error-page]").CountAsync());
        await Expect(page.Locator("nav.navbar")).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("/jobs/987654")] // the 404 page, navbar and all
    public async Task PageCheck_ErrorPage_FailsTheCheck_Issue13(string path)
    {
        var page = await fx.NewPageAsync(1366, 768);
        await Assert.ThrowsAnyAsync<Exception>(() => AssertRealPageAsync(page, path));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Dashboard_Phone_ShowsStatusChartsAndHosts()
    {
        var response = await fx.Api.PostAsJsonAsync("/api/v1/jobs", new JsonObject
        {
            ["name"] = "phone view",
            ["filter"] = "env=prod and idc!=none",
            ["executor"] = "simulated",
            ["parameters"] = new JsonObject { ["latencyMs"] = 20, ["failureRate"] = 0.2, ["seed"] = 3 },
            ["batches"] = "1%,5%,10%",
            ["gates"] = new JsonObject { ["maxFailurePercent"] = 50 },
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var id = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
        var page = await fx.NewPageAsync(390, 844);
        await page.GotoAsync($"/jobs/{id}");
        await Expect(page.Locator("[data-testid=job-status]")).ToHaveTextAsync(new Regex("Succeeded|Completed with failures|Paused"), new() { Timeout = 60_000 });
        await Expect(page.Locator("#chart-batches")).ToBeVisibleAsync();
        await fx.ScreenshotAsync(page, "dashboard-phone");
        await page.ScreenshotAsync(new() { Path = Path.Combine(fx.Screenshots, "dashboard-phone-top.png") });
        await page.Locator("[data-testid=batch-table]").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(fx.Screenshots, "dashboard-phone-batches.png") });
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 1, $"the dashboard scrolls sideways by {overflow}px on a phone");
    }
}
