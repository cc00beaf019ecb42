using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jobs.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jobs.Browser.Tests;

/// <summary>Issues 13 and 14 in the browser: an Admin adds a webhook (its URL masked), a job's page lists the delivery
/// of its "succeeded" message, an Operator pins the job and the list marks it. Screenshots at laptop and phone sizes.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OperationsPagesTests(BrowserFixture fx)
{
    [Fact]
    public async Task Webhook_AddedInSettings_DeliveryOnJobPage_PinnedJobMarkedInList()
    {
        var received = new ConcurrentQueue<string>();
        await using var receiver = await TestHttpServer.StartAsync(app => app.MapPost("/hooks/{**rest}", async (HttpContext ctx) =>
        {
            received.Enqueue(await new StreamReader(ctx.Request.Body).ReadToEndAsync());
            return Results.Ok();
        }));
        var hook = $"{receiver.Url}/hooks/T000/B000/secret-token";

        var page = await fx.NewPageAsync();
        await page.GotoAsync("/settings/notifications");
        await page.FillAsync("#Form_Name", "ops-chat");
        await page.FillAsync("#Form_Url", hook);
        await page.SelectOptionAsync("#Form_Format", "Slack");
        await page.ClickAsync("button:has-text('Add webhook')");
        await Expect(page.Locator("[data-testid=webhook-ops-chat] [data-testid=url]")).ToHaveTextAsync(new Regex(@"^http://127\.0\.0\.1:\d+/…$"));
        Assert.DoesNotContain("secret-token", await page.ContentAsync());
        await fx.ScreenshotAsync(page, "settings-notifications-desktop");
        var phone = await fx.NewPageAsync(390, 844);
        await phone.GotoAsync("/settings/notifications");
        await fx.ScreenshotAsync(phone, "settings-notifications-phone");

        try
        {
            var response = await fx.Api.PostAsJsonAsync("/api/v1/jobs", new JsonObject
            {
                ["name"] = "notified and pinned",
                ["filter"] = "env=prod",
                ["executor"] = "simulated",
                ["parameters"] = new JsonObject { ["latencyMs"] = 10, ["failureRate"] = 0, ["seed"] = 5 },
                ["batches"] = "50%",
                ["parallelism"] = 200,
                ["gates"] = new JsonObject { ["maxFailurePercent"] = 50 },
            });
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            var id = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<long>();

            await page.GotoAsync($"/jobs/{id}");
            await Expect(page.Locator("[data-testid=job-status]")).ToHaveTextAsync("Succeeded", new() { Timeout = 90_000 });
            // The delivery row is rendered by the server: reload until the background pass has posted it.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (await page.Locator("[data-testid=delivery-status]:has-text('Delivered')").CountAsync() == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "the delivery never showed as delivered; received: " + received.Count);
                await page.WaitForTimeoutAsync(500);
                await page.ReloadAsync();
            }
            Assert.Contains(received, body => body.Contains($"Job {id} (notified and pinned) succeeded", StringComparison.Ordinal));

            await page.ClickAsync("[data-testid=pin]");
            await Expect(page.Locator("[data-testid=pinned]")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-testid=pin]")).ToHaveTextAsync("Unpin");
            await fx.ScreenshotAsync(page, "dashboard-notifications-desktop");
            await phone.GotoAsync($"/jobs/{id}");
            await phone.Locator("#notifications").ScrollIntoViewIfNeededAsync();
            await phone.ScreenshotAsync(new() { Path = Path.Combine(fx.Screenshots, "dashboard-notifications-phone.png") });
            var overflow = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 1, $"the job page scrolls sideways by {overflow}px on a phone");

            await page.GotoAsync("/jobs");
            await Expect(page.Locator($"tr[data-job-id='{id}'] [data-testid=pinned]")).ToBeVisibleAsync();
            await fx.ScreenshotAsync(page, "jobs-pinned-desktop");
        }
        finally
        {
            // The shared app outlives this receiver: take the webhook away again.
            await page.GotoAsync("/settings/notifications");
            await page.ClickAsync("[data-testid=webhook-ops-chat] button:has-text('Remove')");
            await Expect(page.Locator("[data-testid=webhook-ops-chat]")).ToHaveCountAsync(0);
            await page.Context.CloseAsync();
            await phone.Context.CloseAsync();
        }
    }
}
