using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jobs.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jobs.Browser.Tests;

/// <summary>Issue 9: what a new user meets in the wizard — the quick start's happy path, errors in their words.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WizardExperienceTests(BrowserFixture fx)
{
    private const string QuickStartFilter = "env=prod and app in (order-api, pay-api)";

    private static async Task NextAsync(IPage page, string expectedStep)
    {
        await page.ClickAsync("[data-testid=next]");
        await Expect(page.Locator("form#wizard")).ToHaveAttributeAsync("data-step", expectedStep);
    }

    [Fact]
    public async Task QuickStart_DemoInventoryWithEveryDefault_PreselectsSimulatorAndSucceeds_Issue9()
    {
        var page = await fx.NewPageAsync();
        await page.GotoAsync("/jobs/new");
        await page.FillAsync("#Name", "Quick start");
        await page.FillAsync("#Filter", QuickStartFilter);
        await NextAsync(page, "Action");

        // Item 5: on the demo inventory the simulator is chosen, not local (real commands on this machine).
        await Expect(page.Locator("#executor-simulated")).ToBeCheckedAsync();
        await Expect(page.Locator("#executor-local")).Not.ToBeCheckedAsync();
        // Item 4: its prefill has no failures; the failing demo is one labelled click away.
        await Expect(page.Locator("#Parameters")).ToHaveValueAsync(new Regex("\"failureRate\": 0,"));
        await Expect(page.Locator("[data-testid=failing-demo]")).ToContainTextAsync("Failing demo");
        await page.ClickAsync("[data-testid=failing-demo]");
        await Expect(page.Locator("#Parameters")).ToHaveValueAsync(new Regex("\"failureRate\": 0.25"));
        await page.ClickAsync("[data-executor-help=simulated] .use-example >> nth=0");
        await Expect(page.Locator("#Parameters")).ToHaveValueAsync(new Regex("\"failureRate\": 0,"));

        await NextAsync(page, "Strategy");
        await NextAsync(page, "Schedule");
        await NextAsync(page, "Review");
        await page.ClickAsync("[data-testid=create]");
        await Expect(page).ToHaveURLAsync(new Regex(@"/jobs/\d+$"));
        await Expect(page.Locator("[data-testid=job-status]")).ToHaveTextAsync("Succeeded", new() { Timeout = 90_000 });
    }

    [Fact]
    public async Task Wizard_ParametersNotJson_SaysLineAndColumnInPlainWords_Issue9()
    {
        var page = await fx.NewPageAsync();
        await page.GotoAsync("/jobs/new");
        await page.FillAsync("#Name", "Broken parameters");
        await page.FillAsync("#Filter", "env=prod");
        await NextAsync(page, "Action");
        await page.CheckAsync("#executor-simulated");
        await page.FillAsync("#Parameters", "{\"latencyMs\": 5,\n \"seed\": seven}");
        await NextAsync(page, "Action");

        var error = page.Locator("[data-error-for=Parameters]");
        await Expect(error).ToContainTextAsync("Not valid JSON at line 2, column");
        var text = await error.TextContentAsync();
        Assert.DoesNotContain("reader options", text);
        Assert.DoesNotContain("BytePositionInLine", text);
        Assert.DoesNotContain("LineNumber", text);
        await fx.ScreenshotAsync(page, "wizard-2-action-json-error");
    }

    [Fact]
    public async Task Strategy_SeveralBadFields_ReportsEveryErrorAndEveryBadPlanEntryAtOnce_Issue9()
    {
        var page = await fx.NewPageAsync();
        await page.GotoAsync("/jobs/new");
        await page.FillAsync("#Name", "Many mistakes");
        await page.FillAsync("#Filter", "env=prod");
        await NextAsync(page, "Action");
        await page.CheckAsync("#executor-simulated");
        await NextAsync(page, "Strategy");

        await page.FillAsync("#CustomBatches", "1%, abc, 0%, 5");
        await page.FillAsync("#Parallelism", "0");
        await page.FillAsync("#MaxFailurePercent", "150");
        await NextAsync(page, "Strategy");

        // Item 10: parallelism, the failure gate and the plan at once; the plan names both bad entries.
        await Expect(page.Locator("[data-error-for=Parallelism]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-error-for=MaxFailurePercent]")).ToBeVisibleAsync();
        var plan = page.Locator("[data-error-for=CustomBatches]");
        await Expect(plan).ToContainTextAsync("entry 2");
        await Expect(plan).ToContainTextAsync("entry 3");
        await Expect(page.Locator("[data-testid=error-summary]")).ToContainTextAsync("3 problems");
        await Expect(page.Locator("#CustomBatches")).ToHaveValueAsync("1%, abc, 0%, 5");
        await fx.ScreenshotAsync(page, "wizard-3-strategy-errors");
    }

    [Fact]
    public async Task Wizard_LeftAtStrategyAndOpenedAgain_OffersTheDraftAndCanDiscardIt_Issue9()
    {
        var page = await fx.NewPageAsync();
        await page.GotoAsync("/jobs/new");
        await Expect(page.Locator("form#wizard")).ToHaveAttributeAsync("data-draft-key", "jobs.wizard.draft." + TestSecurity.AdminUser);
        await page.FillAsync("#Name", "Kept draft");
        await page.FillAsync("#Filter", "env=prod");
        await NextAsync(page, "Action");
        await page.CheckAsync("#executor-simulated");
        await NextAsync(page, "Strategy");
        await page.FillAsync("#Parallelism", "7");
        await page.CheckAsync("#preset-25");

        // Leave (the Strategy step's own edits are kept too) and come back later.
        await page.ClickAsync("nav >> text=Servers");
        await page.GotoAsync("/jobs/new");
        var banner = page.Locator("[data-testid=draft-banner]");
        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner).ToContainTextAsync("“Kept draft”, left at step 3 (Strategy)");
        await fx.ScreenshotAsync(page, "wizard-draft-banner");
        await page.ClickAsync("[data-testid=resume-draft]");
        await Expect(page.Locator("form#wizard")).ToHaveAttributeAsync("data-step", "Strategy");
        await Expect(page.Locator("#Parallelism")).ToHaveValueAsync("7");
        await Expect(page.Locator("#preset-25")).ToBeCheckedAsync();
        await Expect(page.Locator("input[name=Name]")).ToHaveValueAsync("Kept draft");

        await page.ClickAsync("[data-testid=discard-draft-top]");
        await Expect(page.Locator("form#wizard")).ToHaveAttributeAsync("data-step", "Targets");
        await Expect(banner).ToBeHiddenAsync();
        await page.ReloadAsync();
        await Expect(page.Locator("#Name")).ToHaveValueAsync("");
        await Expect(banner).ToBeHiddenAsync();
    }

    [Fact]
    public async Task RunAgain_FromAJobsDashboard_OpensTheWizardWithEverySettingFilledIn_Issue9()
    {
        var response = await fx.Api.PostAsJsonAsync("/api/v1/jobs", new JsonObject
        {
            ["name"] = "rotate logs",
            ["filter"] = "env=prod and app=order-api",
            ["executor"] = "simulated",
            ["parameters"] = new JsonObject { ["latencyMs"] = 10, ["failureRate"] = 0, ["seed"] = 4 },
            ["batches"] = "2,50%",
            ["parallelism"] = 3,
            ["gates"] = new JsonObject { ["maxFailurePercent"] = 5, ["bakeSeconds"] = 0 },
            ["onGateFailure"] = "Abort",
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var id = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();

        var page = await fx.NewPageAsync();
        await page.GotoAsync($"/jobs/{id}");
        await page.ClickAsync("[data-testid=run-again]");
        await Expect(page.Locator("[data-testid=run-again-note]")).ToContainTextAsync($"job {id}");
        await Expect(page.Locator("#Name")).ToHaveValueAsync("rotate logs (again)");
        await Expect(page.Locator("#Filter")).ToHaveValueAsync("env=prod and app=order-api");
        await NextAsync(page, "Action");
        await Expect(page.Locator("#executor-simulated")).ToBeCheckedAsync();
        await Expect(page.Locator("#Parameters")).ToHaveValueAsync(new Regex("\"seed\":4"));
        await NextAsync(page, "Strategy");
        await Expect(page.Locator("#preset-custom")).ToBeCheckedAsync();
        await Expect(page.Locator("#CustomBatches")).ToHaveValueAsync("2,50%");
        await Expect(page.Locator("#Parallelism")).ToHaveValueAsync("3");
        await Expect(page.Locator("#MaxFailurePercent")).ToHaveValueAsync("5");
        await Expect(page.Locator("#ogf-abort")).ToBeCheckedAsync();
        await NextAsync(page, "Schedule");
        await NextAsync(page, "Review");
        await page.ClickAsync("[data-testid=create]");
        await Expect(page).ToHaveURLAsync(new Regex(@"/jobs/\d+$"));
        Assert.NotEqual($"/jobs/{id}", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task Wizard_Phone_EveryStepFitsTheScreen_Issue9()
    {
        var page = await fx.NewPageAsync(390, 844);
        await page.GotoAsync("/jobs/new");
        await page.FillAsync("#Name", "Phone walk");
        await page.FillAsync("#Filter", QuickStartFilter);
        await Expect(page.Locator("[data-testid=target-details]")).ToBeVisibleAsync();
        foreach (var (step, next) in new[] { ("1-targets", "Action"), ("2-action", "Strategy"), ("3-strategy", "Schedule"), ("4-schedule", "Review"), ("5-review", "") })
        {
            await fx.ScreenshotAsync(page, $"wizard-phone-{step}");
            var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 1, $"wizard step {step} scrolls sideways by {overflow}px on a phone");
            if (next.Length > 0) await NextAsync(page, next);
        }
    }
}
