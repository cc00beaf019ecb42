using System.Text.Json.Nodes;
using Jobs.Core.Domain;
using Jobs.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Web.Tests.Inventory;

/// <summary>Issue 15: syncing a NetBox source (a fake on 127.0.0.1 that follows the contract) into the inventory.</summary>
public sealed class NetBoxSyncTests
{
    private const string Source = NetBoxSourceFixture.Source;

    private static int Int(JsonObject o, string name) => o[name]!.GetValue<int>();

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Sync_5000DevicesThenChanges_ReportsExactlyWhatChanged(TestProvider provider)
    {
        await using var fx = await NetBoxSourceFixture.StartAsync(5000, provider);
        // Contract corners: an unnamed device, one without a primary IPv4 ("primary_ip4": null), one the filter leaves out.
        fx.NetBox.Devices[6001] = FakeNetBox.Device(6001) with { Name = null };
        fx.NetBox.Devices[6002] = FakeNetBox.Device(6002) with { Ip = null };
        fx.NetBox.Devices[6003] = FakeNetBox.Device(6003) with { Role = "pdu" };

        var (status, first) = await fx.SyncAsync();

        Assert.True(status == 200, first.ToJsonString());
        Assert.Equal("Applied", first["outcome"]!.GetValue<string>());
        Assert.Equal((5002, 5000, 0, 0, 2), (Int(first, "fetched"), Int(first, "added"), Int(first, "changed"), Int(first, "retired"), Int(first, "skipped")));
        var problems = first["problems"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        Assert.Contains("device 6001: no hostname (name)", problems);
        Assert.Contains(problems, p => p.StartsWith("web-06002: no IP address", StringComparison.Ordinal));
        // Paging by next: 1000 a page, brief off, no config context, the whole configured token on every call.
        var calls = fx.NetBox.Requests.ToList();
        Assert.Equal(6, calls.Count);
        Assert.All(calls, c => Assert.Equal("Bearer " + FakeNetBox.ValidToken, c.Authorization));
        Assert.All(calls, c => Assert.Contains("exclude=config_context", c.PathAndQuery, StringComparison.Ordinal));
        Assert.All(calls, c => Assert.DoesNotContain("brief", c.PathAndQuery, StringComparison.Ordinal));
        Assert.All(calls, c => Assert.Contains("role=server&tag=linux", c.PathAndQuery, StringComparison.Ordinal));
        Assert.Contains(calls, c => c.PathAndQuery.Contains("offset=5000", StringComparison.Ordinal));
        await using (var db = fx.Database.CreateContext())
        {
            var s = await db.Servers.Include(x => x.Tags).SingleAsync(x => x.Hostname == "web-00012");
            Assert.Equal((Source, "10.0.0.12", "sh2", "uat", "app-12", "server", "ubuntu-22-04", ServerStatus.Online, "ops"),
                (s.Source, s.Ip, s.Idc, s.Env, s.App, s.Role, s.Os, s.Status, s.Owner));
            Assert.Equal(["linux", "rack-5"], s.Tags.Select(t => t.Name).Order());
        }

        // 20 changed, 30 removed, 10 added.
        for (var i = 1; i <= 20; i++) fx.NetBox.Devices[i] = fx.NetBox.Devices[i] with { Platform = "rocky-9", Status = "offline" };
        for (var i = 101; i <= 130; i++) fx.NetBox.Devices.Remove(i);
        for (var i = 7001; i <= 7010; i++) fx.NetBox.Devices[i] = FakeNetBox.Device(i);

        var (previewStatus, preview) = await fx.SyncAsync(dryRun: true);
        Assert.Equal(200, previewStatus);
        Assert.Equal(("Previewed", 10, 20, 30), (preview["outcome"]!.GetValue<string>(), Int(preview, "added"), Int(preview, "changed"), Int(preview, "retired")));
        var changed = preview["changes"]!.AsArray().Select(c => c!.AsObject()).Single(c => c["hostname"]!.GetValue<string>() == "web-00001");
        var fields = changed["fields"]!.AsArray().Select(f => $"{f!["field"]}: {f["before"]} → {f["after"]}").ToList();
        Assert.Equal(["os: ubuntu-22-04 → rocky-9", "status: online → offline"], fields);
        await using (var db = fx.Database.CreateContext())
        {
            Assert.Equal(0, await db.Servers.CountAsync(s => s.Os == "rocky-9" || s.Status == ServerStatus.Retired));
            Assert.Equal(1, await db.InventorySyncRuns.CountAsync()); // a dry run is not a run
        }

        var (_, second) = await fx.SyncAsync();

        Assert.Equal(("Applied", 5000 - 30 + 10 + 2, 10, 20, 30), (second["outcome"]!.GetValue<string>(), Int(second, "fetched"),
            Int(second, "added"), Int(second, "changed"), Int(second, "retired")));
        await using (var db = fx.Database.CreateContext())
        {
            Assert.Equal(30, await db.Servers.CountAsync(s => s.Status == ServerStatus.Retired)); // kept, not deleted
            Assert.Equal(4980, await db.Servers.CountAsync(s => s.Source == Source && s.Status != ServerStatus.Retired));
            var run = await db.InventorySyncRuns.OrderBy(r => r.Id).LastAsync();
            Assert.Equal((SyncRunOutcome.Applied, 4982, 10, 20, 30, 2), (run.Outcome, run.Fetched, run.Added, run.Changed, run.Retired, run.Skipped));
            Assert.NotNull(run.FinishedAt);
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "inventory.sync" && a.Target == "source:" + Source));
        }
    }

    [Fact]
    public async Task Sync_HalfTheDevicesGone_StopsUntilConfirmed()
    {
        await using var fx = await NetBoxSourceFixture.StartAsync(1000);
        await fx.SyncAsync();
        for (var i = 1; i <= 500; i++) fx.NetBox.Devices.Remove(i);

        var (status, refused) = await fx.SyncAsync();

        Assert.Equal(409, status);
        Assert.Equal("NeedsConfirmation", refused["outcome"]!.GetValue<string>());
        Assert.Contains("would retire 500 of 1,000 servers of netbox-dc (50%), more than its limit of 10%", refused["error"]!.GetValue<string>());
        await using (var db = fx.Database.CreateContext())
        {
            Assert.Equal(0, await db.Servers.CountAsync(s => s.Status == ServerStatus.Retired));
            Assert.Equal(SyncRunOutcome.NeedsConfirmation, (await db.InventorySyncRuns.OrderBy(r => r.Id).LastAsync()).Outcome);
        }

        var (confirmedStatus, confirmed) = await fx.SyncAsync(confirm: true);

        Assert.Equal(200, confirmedStatus);
        Assert.Equal(500, Int(confirmed, "retired"));
        await using var check = fx.Database.CreateContext();
        Assert.Equal(500, await check.Servers.CountAsync(s => s.Status == ServerStatus.Retired));
        Assert.Contains("confirmed retiring 50%", (await check.AuditEntries.OrderBy(a => a.Id).LastAsync()).Detail);
    }

    [Fact]
    public async Task Sync_BadToken_FailsWithTheReasonInTheRunRecord()
    {
        await using var fx = await NetBoxSourceFixture.StartAsync(10, token: "Bearer nbt_4f2a9c.wrong");

        var (status, report) = await fx.SyncAsync();

        Assert.Equal(502, status);
        var error = report["error"]!.GetValue<string>();
        Assert.Contains("refused the token (HTTP 403: Invalid v2 token)", error);
        Assert.Contains($"Jobs:Inventory:Sources:{Source}:Token", error);
        Assert.DoesNotContain("wrong", error); // the token itself is never shown
        await using var db = fx.Database.CreateContext();
        var run = await db.InventorySyncRuns.SingleAsync();
        Assert.Equal(SyncRunOutcome.Failed, run.Outcome);
        Assert.Equal(error, run.Errors);
        Assert.Equal(0, await db.Servers.CountAsync());
    }

    [Fact]
    public async Task Sync_NetBoxRedirects_SaysWhereAndWhichKeyToFix()
    {
        await using var fx = await NetBoxSourceFixture.StartAsync(10);
        // The contract's 302 for a missing trailing slash, checked on the fake itself …
        using var raw = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var noSlash = await raw.GetAsync(new Uri(fx.NetBox.BaseUrl, "api/dcim/devices"));
        Assert.Equal(302, (int)noSlash.StatusCode);

        // … and a NetBox that moved (every path redirects) is reported, not followed.
        await using var fx2 = await NetBoxSourceFixture.StartAsync(10, baseUrl: fx.NetBox.BaseUrl + "moved/");
        var (status, report) = await fx2.SyncAsync();

        Assert.Equal(502, status);
        Assert.Contains("answered HTTP 302 redirecting to https://netbox.example/", report["error"]!.GetValue<string>());
        Assert.Contains($"Jobs:Inventory:Sources:{Source}:BaseUrl", report["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sync_NetBoxDown_FailsAndChangesNothing()
    {
        await using var fx = await NetBoxSourceFixture.StartAsync(50);
        await fx.SyncAsync();
        await fx.NetBox.DisposeAsync();

        var (status, report) = await fx.SyncAsync();

        Assert.Equal(502, status);
        Assert.Contains("is unreachable: connection refused", report["error"]!.GetValue<string>());
        await using var db = fx.Database.CreateContext();
        Assert.Equal(0, await db.Servers.CountAsync(s => s.Status == ServerStatus.Retired));
    }
}
