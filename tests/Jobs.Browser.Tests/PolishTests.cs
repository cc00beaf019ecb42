using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jobs.Browser.Tests;

/// <summary>Issue 9, items 11, 13 and 15: what a person sees at a glance — empty boxes look empty, a phone shows what matters.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PolishTests(BrowserFixture fx)
{
    [Fact]
    public async Task Dashboard_Phone_GateTextWrapsByWordsAndHostStateStaysInView_Issue9()
    {
        var response = await fx.Api.PostAsJsonAsync("/api/v1/jobs", new JsonObject
        {
            ["name"] = "phone gate",
            ["filter"] = "env=prod",
            ["executor"] = "simulated",
            ["parameters"] = new JsonObject { ["latencyMs"] = 10, ["failureRate"] = 1 },
            ["batches"] = "5%",
            ["gates"] = new JsonObject { ["maxFailurePercent"] = 10 },
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var id = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();

        var page = await fx.NewPageAsync(390, 844);
        await page.GotoAsync($"/jobs/{id}");
        await Expect(page.Locator("[data-testid=job-status]")).ToHaveTextAsync("Paused", new() { Timeout = 30_000 });
        await page.ReloadAsync(); // the server-rendered tables, as a person opening the page sees them

        var gate = page.Locator("[data-testid=batch-table] td.gate-cell").First;
        await Expect(gate).ToContainTextAsync("failed");
        var gateBox = (await gate.BoundingBoxAsync())!;
        Assert.True(gateBox.Width >= 140, $"the gate column is {gateBox.Width}px wide on a phone");
        var state = page.Locator("[data-testid=host-table] tbody tr td.state-cell .badge").First;
        var stateBox = (await state.BoundingBoxAsync())!;
        Assert.True(stateBox.X + stateBox.Width <= 390, $"the host state ends at {stateBox.X + stateBox.Width}px, beyond the 390px screen");
        // Failures grouped by message with the host's own name taken out: nine failed hosts, one group per exit code
        // the simulator drew, not one per host.
        var group = page.Locator("[data-testid=failure-group]").First;
        await Expect(group).ToContainTextAsync("{host}: simulated failure");
        Assert.InRange(await page.Locator("[data-testid=failure-group]").CountAsync(), 1, 3);
        await page.Locator("[data-testid=batch-table]").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(fx.Screenshots, "dashboard-phone-paused-by-gate-batches.png") });
        await fx.ScreenshotAsync(page, "dashboard-phone-paused-by-gate");

        // Host history: from a failed host to its server's page, which lists this job with the host's outcome.
        await page.Locator("[data-testid=host-table] tbody tr").Filter(new() { HasText = "Failed" }).First.Locator("a").First.ClickAsync();
        await Expect(page.Locator("[data-testid=rendered-parameters]")).ToContainTextAsync("failureRate");
        await page.ClickAsync("[data-testid=server-history]");
        var row = page.Locator($"[data-testid=host-history] tr[data-job-id='{id}']");
        await Expect(row.Locator("[data-testid=outcome]")).ToHaveTextAsync("Failed");
        await fx.ScreenshotAsync(page, "server-history-phone");
    }

    [Fact]
    public async Task WizardTargets_BeforeAnyInput_PlaceholderLooksEmptyAndNoEmptyFacets_Issue9()
    {
        var page = await fx.NewPageAsync();
        await page.GotoAsync("/jobs/new");
        var details = page.Locator("[data-testid=target-details]");
        await Expect(details).ToBeHiddenAsync();
        var colours = await page.EvaluateAsync<string[]>(
            "() => { const f = document.getElementById('Filter'); return [getComputedStyle(f).color, getComputedStyle(f, '::placeholder').color, getComputedStyle(f, '::placeholder').fontStyle]; }");
        Assert.NotEqual(colours[0], colours[1]);
        Assert.Equal("italic", colours[2]);

        await page.FillAsync("#Filter", "env=prod");
        await Expect(details).ToBeVisibleAsync();
        await Expect(details).ToContainTextAsync("IDC");
    }

    [Fact]
    public async Task Favicon_IsServed_Issue9()
    {
        Assert.Equal(HttpStatusCode.OK, (await fx.Api.GetAsync("/favicon.ico")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fx.Api.GetAsync("/favicon.svg")).StatusCode);
    }

    [Fact]
    public async Task ApiReference_Offline_RendersTheJobsApiWithoutLeavingThisServer_Issue9()
    {
        var page = await fx.NewPageAsync();
        var outside = new List<string>();
        // Anything not addressed to the JOBS server is refused and recorded: the reference must not need it.
        await page.Context.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.Host == fx.BaseAddress.Host && url.Port == fx.BaseAddress.Port) await route.ContinueAsync();
            else { outside.Add(route.Request.Url); await route.AbortAsync(); }
        });
        await page.GotoAsync("/api/docs/");
        await Expect(page.GetByText("JOBS API").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByText("/api/v1/jobs/preview").First).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await fx.ScreenshotAsync(page, "api-reference");
        Assert.Empty(outside);
    }
}
