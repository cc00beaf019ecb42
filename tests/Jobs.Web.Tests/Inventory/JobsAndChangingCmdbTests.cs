using System.Net;
using System.Text.Json.Nodes;
using Jobs.Core.Domain;
using Jobs.Core.Engine;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Jobs.Web.Tests.Engine.EngineFixture;

namespace Jobs.Web.Tests.Inventory;

/// <summary>Issue 15: a job's targets stay frozen at creation; the CMDB changes under it.</summary>
public sealed class JobsAndChangingCmdbTests
{
    [Fact]
    public async Task Job_TargetsRetiredAfterCreation_AreSkippedWithTheReasonAndShownOnTheDashboard()
    {
        await using var fx = await NetBoxSourceFixture.StartAsync(20, extra: FastTicks());
        Assert.Equal(200, (await fx.SyncAsync()).Status);
        var client = fx.App.CreateClient();
        var gates = new JsonObject { ["maxFailurePercent"] = 10, ["manualApproval"] = true };
        var id = (await CreateAsync(client, Request("patch prod", batches: "1,100%", gates: gates)))["id"]!.GetValue<long>();
        await WaitForStatusAsync(client, id, "AwaitingApproval");
        List<string> later;
        await using (var db = fx.Database.CreateContext())
            later = await db.HostTasks.Where(h => h.JobId == id && h.BatchIndex == 2).OrderBy(h => h.Hostname).Select(h => h.Hostname).ToListAsync();
        Assert.Equal(14, later.Count);

        // Two targets of the second batch leave NetBox, a third goes offline there.
        var ids = later.Take(3).Select(h => int.Parse(h["web-".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        fx.NetBox.Devices.Remove(ids[0]);
        fx.NetBox.Devices.Remove(ids[1]);
        fx.NetBox.Devices[ids[2]] = fx.NetBox.Devices[ids[2]] with { Status = "offline" };
        var (_, sync) = await fx.SyncAsync();
        Assert.Equal((2, 1), (sync["retired"]!.GetValue<int>(), sync["changed"]!.GetValue<int>()));

        var dashboard = await client.GetPageAsync($"/jobs/{id}");
        var warning = dashboard.QuerySelector("[data-testid=target-drift]")!.TextContent;
        Assert.Contains("3 targets were retired or went offline in the CMDB since this job was created", warning);
        Assert.Contains($"{later[0]} — now retired in the CMDB; host pending", string.Join(" ", warning.Split((char[])null!, StringSplitOptions.RemoveEmptyEntries)));

        var done = await ApproveToTheEndAsync(client, id);

        Assert.Equal("Succeeded", Status(done));
        await using var check = fx.Database.CreateContext();
        var hosts = await check.HostTasks.Where(h => h.JobId == id).ToDictionaryAsync(h => h.Hostname);
        Assert.Equal((HostStatus.Skipped, RetiredTargets.SkipReason), (hosts[later[0]].Status, hosts[later[0]].Stderr));
        Assert.Equal((HostStatus.Skipped, RetiredTargets.SkipReason), (hosts[later[1]].Status, hosts[later[1]].Stderr));
        Assert.Equal(HostStatus.Succeeded, hosts[later[2]].Status); // offline in the CMDB: warned about, still run
        Assert.Equal(13, hosts.Values.Count(h => h.Status == HostStatus.Succeeded));
    }

    [Fact]
    public async Task Job_SkipRetiredTargetsOff_RunsRetiredTargets()
    {
        var settings = FastTicks();
        settings["Jobs:Engine:SkipRetiredTargets"] = "false";
        await using var fx = await NetBoxSourceFixture.StartAsync(20, extra: settings);
        await fx.SyncAsync();
        var client = fx.App.CreateClient();
        var gates = new JsonObject { ["maxFailurePercent"] = 10, ["manualApproval"] = true };
        var id = (await CreateAsync(client, Request("patch prod", batches: "1,100%", gates: gates)))["id"]!.GetValue<long>();
        await WaitForStatusAsync(client, id, "AwaitingApproval");
        string target;
        await using (var db = fx.Database.CreateContext())
            target = await db.HostTasks.Where(h => h.JobId == id && h.BatchIndex == 2).OrderBy(h => h.Hostname).Select(h => h.Hostname).FirstAsync();
        fx.NetBox.Devices.Remove(int.Parse(target["web-".Length..], System.Globalization.CultureInfo.InvariantCulture));
        await fx.SyncAsync();

        await ApproveToTheEndAsync(client, id);

        await using var check = fx.Database.CreateContext();
        Assert.Equal(HostStatus.Succeeded, (await check.HostTasks.SingleAsync(h => h.JobId == id && h.Hostname == target)).Status);
    }

    /// <summary>Approves every batch that waits for it until the job is over.</summary>
    private static async Task<JsonObject> ApproveToTheEndAsync(HttpClient client, long id)
    {
        for (var i = 0; i < 600; i++)
        {
            var job = await GetAsync(client, id);
            if (Status(job) is "Succeeded" or "CompletedWithFailures" or "Aborted") return job;
            if (Status(job) == "AwaitingApproval") Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/jobs/{id}/approve", null)).StatusCode);
            await Task.Delay(100);
        }
        throw new TimeoutException($"job {id} did not finish");
    }
}
