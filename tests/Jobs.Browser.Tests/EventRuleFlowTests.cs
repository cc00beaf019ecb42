using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jobs.Browser.Tests;

/// <summary>Issue 14 in the browser: a rule made on its template's page, an alert that creates a job, a repeat that is
/// throttled, an event below the threshold; the Events pages and the rule pages on a desktop and a phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EventRuleFlowTests(BrowserFixture fx)
{
    [Fact]
    public async Task RuleOnTemplatePage_AlertRepeatAndBelowThreshold_EventsPageShowsJobThrottledAndNoMatch()
    {
        var host = JsonNode.Parse(await fx.Api.GetStringAsync("/api/v1/servers?filter=status%3Donline%20and%20env%3Dprod&take=1"))!["items"]![0]!["hostname"]!.GetValue<string>();
        var created = await fx.Api.PostAsJsonAsync("/api/v1/templates", new JsonObject
        {
            ["name"] = "Clean up /data",
            ["request"] = new JsonObject
            {
                ["name"] = "clean up /data on {{var.host}}", ["filter"] = "hostname = {{var.host}}", ["executor"] = "simulated",
                ["parameters"] = new JsonObject { ["latencyMs"] = 10, ["failureRate"] = 0 }, ["batches"] = "100%",
                ["gates"] = new JsonObject { ["maxFailurePercent"] = 10 },
            },
            ["variables"] = new JsonArray(new JsonObject { ["name"] = "host" }),
        });
        var templateId = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();

        var page = await fx.NewPageAsync();
        await page.GotoAsync($"/templates/{templateId}");
        await page.ClickAsync("[data-testid=template-rules]");
        await page.ClickAsync("[data-testid=new-rule]");
        await page.FillAsync("#Name", "disk full");
        await page.FillAsync("#EventType", "disk.usage");
        await page.FillAsync("#Match", "detail.usage >> 90");
        await page.FillAsync("#Variables", "host: {{event.detail.host}}");
        await page.FillAsync("#BucketKey", "{{event.detail.app}}_{{event.detail.host}}");
        await page.ClickAsync("[data-testid=save-rule]");
        await Expect(page.Locator("#Match + .invalid-feedback")).ToContainTextAsync("at character");
        await fx.ScreenshotAsync(page, "rule-form-error");
        await page.FillAsync("#Match", "detail.code = 1 and detail.usage > 90 and detail.host ~ \"-prod-\"");
        await page.ClickAsync("[data-testid=save-rule]");
        await Expect(page.Locator("[data-testid=rules]")).ToContainTextAsync("detail.usage > 90");
        await fx.ScreenshotAsync(page, "template-rules");

        long? eventId = null;
        foreach (var usage in new[] { 97.5, 98.0, 50.0 })
        {
            var sent = await fx.Api.PostAsJsonAsync("/api/v1/events", new JsonObject
            {
                ["type"] = "disk.usage", ["source"] = "prometheus-bj1",
                ["detail"] = new JsonObject { ["code"] = 1, ["usage"] = usage, ["host"] = host, ["app"] = "order-api" },
            });
            eventId ??= JsonNode.Parse(await sent.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();
        }
        await fx.Api.PostAsJsonAsync("/api/v1/events", new JsonObject { ["type"] = "cpu.usage", ["source"] = "prometheus-bj1", ["detail"] = new JsonObject { ["usage"] = 99 } });

        await page.GotoAsync("/events");
        var rows = page.Locator("[data-testid=events] tbody tr");
        await Expect(rows).ToHaveCountAsync(4);
        await Expect(page.Locator("[data-testid=events]")).ToContainTextAsync("Job created");
        await Expect(page.Locator("[data-testid=events]")).ToContainTextAsync("Throttled");
        await Expect(page.Locator("[data-testid=events]")).ToContainTextAsync("No match");
        await Expect(page.Locator("[data-testid=events]")).ToContainTextAsync("No rule");
        await fx.ScreenshotAsync(page, "events");
        await page.SelectOptionAsync("#e-outcome", "Throttled");
        await page.ClickAsync("button[type=submit]:has-text('Filter')");
        await Expect(rows).ToHaveCountAsync(1);

        await page.GotoAsync($"/events/{eventId}");
        await Expect(page.Locator("[data-testid=event-outcome]")).ToHaveTextAsync("Job created");
        await Expect(page.Locator("[data-testid=rule-results]")).ToContainTextAsync($"host = {host}");
        await fx.ScreenshotAsync(page, "event-detail");

        foreach (var (url, name) in new[] { ("/events", "events"), ($"/events/{eventId}", "event-detail"), ($"/templates/{templateId}/rules", "template-rules"), ($"/templates/{templateId}/rules/new", "rule-form") })
        {
            var phone = await fx.NewPageAsync(390, 844);
            await phone.GotoAsync(url);
            await fx.ScreenshotAsync(phone, name + "-390");
            await phone.CloseAsync();
        }
    }
}
