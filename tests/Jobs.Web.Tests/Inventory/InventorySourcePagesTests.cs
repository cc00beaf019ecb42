using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Jobs.Core.Domain;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Web.Tests.Inventory;

/// <summary>Issue 15: the Servers page's sources, Preview sync and Sync now, the CSV guard, the schedule and the start-up check.</summary>
public sealed class InventorySourcePagesTests
{
    private const string Source = NetBoxSourceFixture.Source;

    [Fact]
    public async Task ServersPage_BadToken_ShowsTheSourceErrorOfTheLastRun()
    {
        await using var fx = await NetBoxSourceFixture.StartAsync(10, token: "Token 0123456789abcdef");
        var client = fx.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await client.GetPageAsync("/servers");

        var sync = await client.SubmitAsync(page.Form($"form[action='/servers/sources/{Source}/sync']"));

        Assert.Equal(HttpStatusCode.Redirect, sync.StatusCode);
        var after = await client.GetPageAsync("/servers");
        var error = after.QuerySelector($"[data-testid=run-error-{Source}]")!.TextContent;
        Assert.Contains("refused the token (HTTP 403: Invalid v1 token); check Jobs:Inventory:Sources:netbox-dc:Token", error);
        Assert.Contains("failed", after.QuerySelector($"[data-testid=last-run-{Source}] .badge")!.TextContent);
        Assert.DoesNotContain("0123456789abcdef", await (await client.GetAsync("/servers")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PreviewThenSyncNow_ListsFieldChangesThenApplies()
    {
        await using var fx = await NetBoxSourceFixture.StartAsync(40);
        Assert.Equal(200, (await fx.SyncAsync()).Status);
        fx.NetBox.Devices[3] = fx.NetBox.Devices[3] with { Site = "gz1", Tags = ["linux", "canary"] };
        fx.NetBox.Devices.Remove(4);
        var client = fx.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var preview = await client.GetPageAsync($"/servers/sources/{Source}/preview");

        Assert.Equal(("1", "0", "1"), (preview.QuerySelector("[data-testid=count-changed]")!.TextContent,
            preview.QuerySelector("[data-testid=count-added]")!.TextContent, preview.QuerySelector("[data-testid=count-retired]")!.TextContent));
        var rows = preview.QuerySelectorAll("[data-testid=preview-changes] tbody tr").Select(r => string.Join(" ", r.TextContent.Split((char[])null!, StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Equal(["web-00004 retired status online → retired", "web-00003 changed idc sh2 → gz1 tags linux;rack-3 → canary;linux"], rows);
        await using (var db = fx.Database.CreateContext())
            Assert.Equal("sh2", (await db.Servers.SingleAsync(s => s.Hostname == "web-00003")).Idc); // a preview writes nothing

        var sync = await client.SubmitAsync(preview.Form($"form[action='/servers/sources/{Source}/sync']"));

        Assert.Equal(HttpStatusCode.Redirect, sync.StatusCode);
        var servers = await client.GetPageAsync(sync.Headers.Location!.ToString());
        Assert.Contains("1 changed, 1 retired", servers.QuerySelector("[role=status]")!.TextContent);
        await using var check = fx.Database.CreateContext();
        Assert.Equal("gz1", (await check.Servers.SingleAsync(s => s.Hostname == "web-00003")).Idc);
        Assert.Equal(ServerStatus.Retired, (await check.Servers.SingleAsync(s => s.Hostname == "web-00004")).Status);
    }

    [Fact]
    public async Task CsvImport_OverASyncedHost_IsRefusedNamingTheSource()
    {
        await using var fx = await NetBoxSourceFixture.StartAsync(5);
        await fx.SyncAsync();
        var csv = "hostname,ip,idc,env,app\nnew-host-1,10.9.9.9,sh1,prod,order-api\nweb-00002,10.9.9.8,sh1,prod,order-api\n";

        var response = await fx.App.CreateClient().PostAsync("/api/v1/servers/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("line 3: web-00002 comes from the inventory source 'netbox-dc'; change it there, not by CSV",
            $"line {problem["errors"]![0]!["line"]}: {problem["errors"]![0]!["message"]}");
        await using var db = fx.Database.CreateContext();
        Assert.False(await db.Servers.AnyAsync(s => s.Hostname == "new-host-1")); // all or nothing
        Assert.Equal("10.0.0.2", (await db.Servers.SingleAsync(s => s.Hostname == "web-00002")).Ip);
    }

    [Fact]
    public async Task Schedule_EverySecond_RunsTheSyncAsSystem()
    {
        await using var fx = await NetBoxSourceFixture.StartAsync(20, extra: new Dictionary<string, string?>
        {
            [$"Jobs:Inventory:Sources:{Source}:Schedule"] = "* * * * * *",
        });
        _ = fx.App.Server; // start the host (and its scheduler)

        InventorySyncRun? run = null;
        for (var i = 0; i < 100 && run is null; i++)
        {
            await Task.Delay(200);
            await using var db = fx.Database.CreateContext();
            run = await db.InventorySyncRuns.FirstOrDefaultAsync(r => r.Outcome == SyncRunOutcome.Applied);
        }

        Assert.NotNull(run);
        Assert.Equal(("system", 20), (run.StartedBy, run.Added));
    }

    [Theory]
    [InlineData("Type", "nautobot", "Jobs:Inventory:Sources:netbox-dc:Type must be netbox")]
    [InlineData("Token", "nbt_without_keyword", "Jobs:Inventory:Sources:netbox-dc:Token must be the whole Authorization header value")]
    [InlineData("Schedule", "every 5 minutes", "Jobs:Inventory:Sources:netbox-dc:Schedule 'every 5 minutes' is not a cron expression")]
    [InlineData("Filter", "status=active&limit=5", "Jobs:Inventory:Sources:netbox-dc:Filter must not set 'limit'")]
    [InlineData("Mapping:Env", "custom_fields..env", "Jobs:Inventory:Sources:netbox-dc:Mapping:Env 'custom_fields..env' is not a path")]
    [InlineData("MaxRetirePercent", "150", "Jobs:Inventory:Sources:netbox-dc:MaxRetirePercent must be between 0 and 100")]
    public async Task Start_BadSourceOption_FailsNamingTheKey(string key, string value, string message)
    {
        await using var fx = await NetBoxSourceFixture.StartAsync(1, extra: new Dictionary<string, string?> { [$"Jobs:Inventory:Sources:{Source}:{key}"] = value });

        var ex = Assert.ThrowsAny<Exception>(() => fx.App.Server);

        Assert.Contains(message, ex.ToString());
    }
}
