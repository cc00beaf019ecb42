using static Microsoft.Playwright.Assertions;

namespace Jobs.Browser.Tests;

/// <summary>Issue 15: an Admin syncs the NetBox source from the Servers page, previews a change field by field, then applies it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InventorySourceFlowTests(BrowserFixture fx)
{
    [Fact]
    public async Task ServersPage_SyncPreviewSync_ShowsSourceDiffAndResult()
    {
        var page = await fx.NewPageAsync();
        await page.GotoAsync("/servers");
        await page.ClickAsync("[data-testid=sync-netbox-lab]");
        await Expect(page.Locator("[role=status]")).ToContainTextAsync("Synced netbox-lab: fetched 40");
        await Expect(page.Locator("[data-testid=last-run-netbox-lab]")).ToContainTextAsync("applied");

        fx.NetBox.Devices[3] = fx.NetBox.Devices[3] with { Site = "gz1", Platform = "rocky-9" };
        fx.NetBox.Devices.Remove(4);
        await page.ClickAsync("[data-testid=preview-netbox-lab]");
        var changed = page.Locator("[data-testid=preview-changes] tbody tr", new() { HasText = "web-00003" });
        await Expect(changed).ToContainTextAsync("sh2 → gz1");
        await Expect(page.Locator("[data-testid=preview-changes] tbody tr", new() { HasText = "web-00004" })).ToContainTextAsync("online → retired");
        await fx.ScreenshotAsync(page, "servers-sync-preview-desktop");
        var phone = await fx.NewPageAsync(390, 844);
        await phone.GotoAsync(page.Url);
        await fx.ScreenshotAsync(phone, "servers-sync-preview-phone");
        var overflow = await phone.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 1, $"the preview scrolls sideways by {overflow}px on a phone");

        await page.ClickAsync("[data-testid=sync-now]");

        await Expect(page.Locator("[role=status]")).ToContainTextAsync("1 changed, 1 retired");
        await fx.ScreenshotAsync(page, "servers-sources-desktop");
        await phone.GotoAsync("/servers");
        await fx.ScreenshotAsync(phone, "servers-sources-phone");
    }
}
