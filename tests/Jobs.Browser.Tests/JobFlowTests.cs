using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Jobs.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jobs.Browser.Tests;

/// <summary>What an operator does in the browser: create a job with the wizard, watch it, control it, export it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class JobFlowTests(BrowserFixture fx)
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Wizard_WithValidationErrorAndBack_CreatesJobThatRunsToTheEndAndExports()
    {
        var page = await fx.NewPageAsync();
        await page.GotoAsync("/jobs/new");
        await fx.ScreenshotAsync(page, "wizard-1-targets-empty");

        // Step 1 with a broken filter: the server says where, and keeps what was typed.
        await page.FillAsync("#Name", "Browser canary");
        await page.FillAsync("#Filter", "env=prod and app in (");
        await page.ClickAsync("[data-testid=next]");
        await Expect(page.Locator("[data-error-for=Filter]")).ToBeVisibleAsync();
        await Expect(page.Locator("#Filter")).ToHaveValueAsync("env=prod and app in (");
        await fx.ScreenshotAsync(page, "wizard-1-targets-error");

        // The live count follows the filter as it is typed (script → /jobs/new/targets).
        await page.FillAsync("#Filter", "env=prod");
        await Expect(page.Locator("[data-testid=match-count]")).ToHaveTextAsync(new Regex(@"^\d[\d,]*$"));
        var targets = int.Parse((await page.Locator("[data-testid=match-count]").TextContentAsync())!.Replace(",", ""));
        Assert.InRange(targets, 1, 300);
        await fx.ScreenshotAsync(page, "wizard-1-targets");
        await page.ClickAsync("[data-testid=next]");

        // Step 2: the simulator (labelled as such) with quick, failure-free hosts.
        await Expect(page.Locator("form#wizard")).ToHaveAttributeAsync("data-step", "Action");
        await page.CheckAsync("#executor-simulated");
        await page.FillAsync("#Parameters", """{"latencyMs": 30, "jitterMs": 10, "failureRate": 0, "seed": 7}""");
        await fx.ScreenshotAsync(page, "wizard-2-action");
        await page.ClickAsync("[data-testid=next]");

        // Step 3, then Back: step 2 still holds the parameters.
        await Expect(page.Locator("form#wizard")).ToHaveAttributeAsync("data-step", "Strategy");
        await page.ClickAsync("button[value=back]");
        await Expect(page.Locator("form#wizard")).ToHaveAttributeAsync("data-step", "Action");
        await Expect(page.Locator("#Parameters")).ToHaveValueAsync(new Regex("\"seed\": 7"));
        await page.ClickAsync("[data-testid=next]");
        await page.CheckAsync("#preset-25");
        await page.FillAsync("#Parallelism", "25");
        await fx.ScreenshotAsync(page, "wizard-3-strategy");
        await page.ClickAsync("[data-testid=next]");

        await Expect(page.Locator("form#wizard")).ToHaveAttributeAsync("data-step", "Schedule");
        await Expect(page.Locator("#tz-note")).ToContainTextAsync("Asia/Shanghai");
        await fx.ScreenshotAsync(page, "wizard-4-schedule");
        await page.ClickAsync("[data-testid=next]");

        await Expect(page.Locator("form#wizard")).ToHaveAttributeAsync("data-step", "Review");
        var batchSize = Math.Max(1, targets * 25 / 100);
        var batches = (targets + batchSize - 1) / batchSize; // 25% repeated; the last batch takes the remainder
        await Expect(page.Locator("[data-testid=plan] tbody tr")).ToHaveCountAsync(batches);
        await Expect(page.Locator("[data-testid=warnings]")).ToContainTextAsync("Simulation");
        await fx.ScreenshotAsync(page, "wizard-5-review");
        await page.ClickAsync("[data-testid=create]");

        // PRG onto the dashboard, which then refreshes itself (no reload: the marker survives) until the end.
        await Expect(page).ToHaveURLAsync(new Regex(@"/jobs/\d+$"));
        await Expect(page.Locator(".alert-success")).ToContainTextAsync("created");
        var id = long.Parse(Regex.Match(page.Url, @"/jobs/(\d+)$").Groups[1].Value);
        await page.EvaluateAsync("window.__noReload = 'still here'");
        await Expect(page.Locator("[data-testid=job-status]")).ToHaveTextAsync("Succeeded", new() { Timeout = (float)JobTimeout.TotalMilliseconds });
        Assert.Equal("still here", await page.EvaluateAsync<string>("window.__noReload"));
        await Expect(page.Locator("[data-live=ran]")).ToHaveTextAsync(targets.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("[data-testid=batch-table] tbody tr")).ToHaveCountAsync(batches);
        Assert.Equal("Final.", await page.Locator("[data-live=refresh-note]").TextContentAsync());
        await fx.ScreenshotAsync(page, "dashboard-succeeded");

        // The host view from the host table.
        await page.Locator("[data-testid=host-table] tbody tr a").First.ClickAsync();
        await Expect(page.Locator("[data-testid=host-status]")).ToHaveTextAsync("Succeeded");
        await fx.ScreenshotAsync(page, "host-detail");
        await page.GoBackAsync();

        // Export: download through the button and check it twice.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=export]"));
        Assert.Matches($@"^job-{id}-browser-canary\.xlsx$", download.SuggestedFilename);
        var xlsx = Path.Combine(fx.Database.Folder, download.SuggestedFilename);
        await download.SaveAsAsync(xlsx);
        using (var doc = SpreadsheetDocument.Open(xlsx, false))
        {
            var wb = doc.WorkbookPart!;
            Assert.Equal(["Summary", "Batches", "Hosts"], wb.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!));
            var hostsId = wb.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == "Hosts").Id!.Value!;
            var rows = ((WorksheetPart)wb.GetPartById(hostsId)).Worksheet.Descendants<Row>().ToList();
            Assert.Equal(1 + targets, rows.Count);
            Assert.Equal("Hostname", rows[0].Elements<Cell>().First().InnerText);
        }
        var csv = await LibreOffice.ConvertHostsSheetToCsvAsync(xlsx, fx.Database.Folder);
        Assert.Equal(1 + targets, csv.Count);
        Assert.All(csv.Skip(1), r => Assert.Equal("Succeeded", r[6]));
    }

    [Fact]
    public async Task Dashboard_SlowJob_PauseResumeAbortFromTheButtons()
    {
        var response = await fx.Api.PostAsJsonAsync("/api/v1/jobs", new JsonObject
        {
            ["name"] = "slow restart",
            ["filter"] = "env=prod",
            ["executor"] = "simulated",
            ["parameters"] = new JsonObject { ["latencyMs"] = 120_000, ["failureRate"] = 0 },
            ["batches"] = "10%",
            ["parallelism"] = 5,
            ["gates"] = new JsonObject { ["maxFailurePercent"] = 10 },
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var id = JsonNode.Parse(body)!["id"]!.GetValue<long>();

        var page = await fx.NewPageAsync();
        await page.GotoAsync($"/jobs/{id}");
        var status = page.Locator("[data-testid=job-status]");
        await Expect(status).ToHaveTextAsync("Running", new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-live=running]")).ToHaveTextAsync("5", new() { Timeout = 30_000 });
        await Expect(page.Locator("form[data-control=resume]")).ToBeHiddenAsync();
        await fx.ScreenshotAsync(page, "dashboard-running");

        await page.ClickAsync("form[data-control=pause] button");
        await Expect(status).ToHaveTextAsync("Paused");
        await Expect(page.Locator(".alert-success")).ToContainTextAsync("paused");
        await Expect(page.Locator("[data-live=stop-reason]")).ToContainTextAsync("paused by");
        await fx.ScreenshotAsync(page, "dashboard-paused");

        await page.ClickAsync("form[data-control=resume] button");
        await Expect(status).ToHaveTextAsync("Running");

        // Abort asks first: the dialog can be dismissed, then confirmed.
        await page.ClickAsync("[data-control=abort]");
        await Expect(page.Locator("#abort-modal")).ToBeVisibleAsync();
        await fx.ScreenshotAsync(page, "dashboard-abort-confirm");
        await page.ClickAsync("#abort-modal button[data-bs-dismiss=modal].btn-outline-secondary");
        await Expect(page.Locator("#abort-modal")).ToBeHiddenAsync();
        await Expect(status).ToHaveTextAsync("Running");
        await page.ClickAsync("[data-control=abort]");
        await page.ClickAsync("[data-testid=confirm-abort]");
        await Expect(status).ToHaveTextAsync("Aborted");
        await Expect(page.Locator("[data-control]:visible")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-live=skipped]")).Not.ToHaveTextAsync("0");
        await fx.ScreenshotAsync(page, "dashboard-aborted");
    }
}
