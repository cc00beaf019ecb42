using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Jobs.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Jobs.Browser.Tests;

/// <summary>Issue 8 in the browser: the two-person rule between two real admins, and output shown as text, never run.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SecurityFlowTests(BrowserFixture fx)
{
    [Fact]
    public async Task DangerousJob_CreatorsApprovalRefused_SecondAdminApproves_ItRuns()
    {
        // Created with the bootstrap admin's API key: the person "admin".
        var response = await fx.Api.PostAsJsonAsync("/api/v1/jobs", new JsonObject
        {
            ["name"] = "clean app cache", ["filter"] = "env=prod and app=order-api", ["executor"] = "local",
            ["parameters"] = new JsonObject { ["command"] = "echo rm -rf /opt/app/cache" }, ["batches"] = "100%", ["parallelism"] = 20,
        });
        var job = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("AwaitingApproval", job["status"]!.GetValue<string>());
        var id = job["id"]!.GetValue<long>();

        var admin = await fx.NewPageAsync();
        await admin.GotoAsync($"/jobs/{id}");
        await Expect(admin.Locator("[data-testid=two-person-rule]")).ToContainTextAsync("an Admin other than admin");
        await fx.ScreenshotAsync(admin, "two-person-1-waiting");
        await admin.ClickAsync("form[data-control=approve] button");
        await Expect(admin.Locator(".alert-danger").Filter(new() { HasText = "another Admin must approve" })).ToBeVisibleAsync();
        await fx.ScreenshotAsync(admin, "two-person-2-refused");

        // The admin makes a second admin on the Users page; she signs in elsewhere and approves.
        await admin.GotoAsync("/settings/users");
        await admin.FillAsync("#Form_UserName", "ada");
        await admin.FillAsync("#Form_Password", "ada-password-000001");
        await admin.SelectOptionAsync("#Role", "Admin");
        await admin.ClickAsync("form[action='/settings/users'] button[type=submit]");
        await Expect(admin.Locator("[data-testid=user-name]")).ToContainTextAsync("ada");
        await fx.ScreenshotAsync(admin, "users-edit");

        var ada = await fx.NewPageAsync(user: "ada", password: "ada-password-000001");
        await ada.GotoAsync($"/jobs/{id}");
        await ada.ClickAsync("form[data-control=approve] button");
        await Expect(ada.Locator("[data-live=status]").First).ToContainTextAsync("Succeeded", new() { Timeout = 60_000 });
        await Expect(ada.Locator("[data-testid=two-person-approved]")).ToContainTextAsync("approved to start by ada");

        await using var db = fx.Database.CreateContext();
        var audit = await db.AuditEntries.Where(a => a.Target == $"job/{id}").OrderBy(a => a.Id).ToListAsync();
        Assert.Contains(audit, a => a is { Action: "job.approve-refused", Actor: "admin", ClientIp: "127.0.0.1" });
        Assert.Contains(audit, a => a is { Action: "job.approve", Actor: "ada", ClientIp: "127.0.0.1" });
        Assert.Contains(await db.AuditEntries.ToListAsync(), a => a is { Action: "auth.sign-in", Actor: "ada", ClientIp: "127.0.0.1" });
    }

    [Fact]
    public async Task HostileCmdbFieldAndHostOutput_RenderAsText_NoScriptRuns()
    {
        const string payload = "<img src=x onerror=alert(1)>";
        var csv = $"hostname,ip,idc,env,app,owner\nxss-host-1,10.9.9.1,SH1,xss,xss-app,\"{payload}\"\n";
        var import = await fx.Api.PostAsync("/api/v1/servers/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.True(import.IsSuccessStatusCode, await import.Content.ReadAsStringAsync());
        var created = await fx.Api.PostAsJsonAsync("/api/v1/jobs", new JsonObject
        {
            ["name"] = payload, ["filter"] = "env=xss", ["executor"] = "local",
            ["parameters"] = new JsonObject { ["command"] = new JsonArray("echo", payload) }, ["batches"] = "100%",
        });
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();
        await WaitForAsync(id, "Succeeded");

        var page = await fx.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, d) => { dialogs.Add(d.Message); _ = d.DismissAsync(); };
        foreach (var url in new[] { "/servers?filter=env%3Dxss", $"/jobs/{id}", $"/jobs/{id}/hosts/xss-host-1", "/jobs", "/audit" })
        {
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.Equal(0, await page.Locator("main img[src=x]").CountAsync());
        }
        await page.GotoAsync($"/jobs/{id}/hosts/xss-host-1");
        await Expect(page.Locator("main")).ToContainTextAsync(payload);
        Assert.Empty(dialogs);
    }

    private async Task WaitForAsync(long id, string status)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            var job = await fx.Api.GetFromJsonAsync<JsonObject>($"/api/v1/jobs/{id}");
            if (job!["status"]!.GetValue<string>() == status) return;
            await Task.Delay(200);
        }
        throw new TimeoutException($"job {id} did not reach {status}");
    }
}
