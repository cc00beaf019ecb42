using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jobs.Browser.Tests;

/// <summary>Issue 14 in the browser: save a finished job as a template with a variable, run it with another value,
/// see the new job (with the template version it came from); the template pages on a desktop and a phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TemplateFlowTests(BrowserFixture fx)
{
    private async Task<long> FinishedJobAsync()
    {
        var response = await fx.Api.PostAsJsonAsync("/api/v1/jobs", new JsonObject
        {
            ["name"] = "restart order-api", ["filter"] = "env=prod and app=order-api", ["executor"] = "simulated",
            ["parameters"] = new JsonObject { ["latencyMs"] = 10, ["failureRate"] = 0, ["seed"] = 1 },
            ["batches"] = "100%", ["parallelism"] = 100, ["gates"] = new JsonObject { ["maxFailurePercent"] = 10 },
        });
        var id = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (JsonNode.Parse(await fx.Api.GetStringAsync($"/api/v1/jobs/{id}"))!["status"]!.GetValue<string>() != "Succeeded")
        {
            Assert.True(DateTime.UtcNow < deadline, $"job {id} did not succeed in 90 s");
            await Task.Delay(100);
        }
        return id;
    }

    [Fact]
    public async Task SaveFinishedJobAsTemplate_RunWithAnotherValue_SeesTheNewJob()
    {
        var jobId = await FinishedJobAsync();
        var page = await fx.NewPageAsync();
        await page.GotoAsync($"/jobs/{jobId}");
        await page.ClickAsync("[data-testid=save-as-template]");

        await Expect(page.Locator("[data-testid=filled-from]")).ToContainTextAsync($"job {jobId}");
        var request = await page.InputValueAsync("[data-testid=template-request-input]");
        Assert.Contains("env=prod and app=order-api", request);
        await page.FillAsync("[data-testid=template-request-input]", request.Replace("app=order-api", "app = {{var.app}}", StringComparison.Ordinal)
            .Replace("\"restart order-api\"", "\"restart {{var.app}}\"", StringComparison.Ordinal));
        await page.FillAsync("[data-testid=template-name-input]", "Restart an app");
        await page.FillAsync("[data-testid=var-name-0]", "app");
        await page.FillAsync("[data-testid=var-default-0]", "order-api");
        await page.FillAsync("[data-testid=var-oneof-0]", "order-api, pay-api");
        await fx.ScreenshotAsync(page, "template-edit");
        await page.ClickAsync("[data-testid=save-template]");

        await Expect(page.Locator("[data-testid=template-name]")).ToContainTextAsync("Restart an app");
        await Expect(page.Locator("[data-testid=variables]")).ToContainTextAsync("{{var.app}}");
        var templateUrl = page.Url;
        await page.ClickAsync("[data-testid=run-template]");

        await page.SelectOptionAsync("[data-testid=var-app]", "pay-api");
        await fx.ScreenshotAsync(page, "template-run");
        await page.ClickAsync("[data-testid=run-review]");

        await Expect(page.Locator("form#wizard")).ToHaveAttributeAsync("data-step", "Review");
        await Expect(page.Locator("[data-testid=from-template-note]")).ToContainTextAsync("version 1");
        await fx.ScreenshotAsync(page, "template-run-review");
        await page.ClickAsync("[data-testid=create]");

        await Expect(page).ToHaveURLAsync(new Regex(@"/jobs/\d+$"));
        var newId = long.Parse(Regex.Match(page.Url, @"/jobs/(\d+)$").Groups[1].Value);
        Assert.NotEqual(jobId, newId);
        await Expect(page.Locator("h1")).ToContainTextAsync("restart pay-api");
        await Expect(page.Locator("[data-testid=job-template]")).ToContainTextAsync("Restart an app v1");
        await fx.ScreenshotAsync(page, "template-job");
        var job = JsonNode.Parse(await fx.Api.GetStringAsync($"/api/v1/jobs/{newId}"))!;
        Assert.Equal("env=prod and app = \"pay-api\"", job["filter"]!.GetValue<string>());

        await page.GotoAsync(templateUrl);
        await Expect(page.Locator("[data-testid=template-runs]")).ToContainTextAsync($"#{newId}");
        await page.FillAsync("[data-testid=schedule-cron]", "30 2 * * 1-5");
        await page.FillAsync("[data-testid=schedule-tz]", "Asia/Shanghai");
        await Expect(page.Locator("[data-testid=next-runs] li")).ToHaveCountAsync(5);
        await Expect(page.Locator("[data-testid=next-runs] li").First).ToContainTextAsync("02:30:00 +08:00");
        await fx.ScreenshotAsync(page, "template-detail");

        foreach (var (url, name) in new[] { ("/templates", "templates-list"), (templateUrl, "template-detail"), (templateUrl + "/run", "template-run"), (templateUrl + "/edit", "template-edit") })
        {
            var phone = await fx.NewPageAsync(390, 844);
            await phone.GotoAsync(url);
            await fx.ScreenshotAsync(phone, name + "-390");
            await phone.CloseAsync();
        }
        await page.GotoAsync("/templates");
        await fx.ScreenshotAsync(page, "templates-list");
    }
}
