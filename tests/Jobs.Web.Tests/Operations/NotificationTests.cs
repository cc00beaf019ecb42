using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jobs.Core.Domain;
using Jobs.Core.Notifications;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Jobs.Web.Tests.Engine.EngineFixture;

namespace Jobs.Web.Tests.Operations;

/// <summary>Issue 14, notifications: job events become outbox rows in the transition's own save, and are posted to
/// webhooks (JSON and Slack) in the background with retries, each delivery on the job's page and in the audit.</summary>
public sealed partial class NotificationTests
{
    [Fact]
    public async Task JobSucceeds_JsonAndSlackWebhooks_RetriedAfterA500_Delivered_OnJobPageWithUrlsMasked()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 1);
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedServersAsync(database, 4);
        var settings = FastTicks();
        settings["Jobs:Notifications:PollSeconds"] = "1";
        settings["Jobs:Notifications:RetryBaseSeconds"] = "1";
        settings["Jobs:Notifications:PublicUrl"] = "https://jobs.example/";
        settings["Jobs:Notifications:Webhooks:ops-json:Url"] = receiver.Hook("json");
        settings["Jobs:Notifications:Webhooks:ops-slack:Url"] = receiver.Hook("slack");
        settings["Jobs:Notifications:Webhooks:ops-slack:Format"] = "Slack";
        settings["Jobs:Notifications:Webhooks:ops-slack:Events:0"] = "Succeeded";
        var logs = new CapturingLoggerProvider();
        await using var factory = new JobsWebFactory(database, settings);
        await using var app = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs)));
        var client = app.CreateClient();

        var id = (await CreateAsync(client, Request("notify me", batches: "100%")))["id"]!.GetValue<long>();
        await WaitForStatusAsync(client, id, "Succeeded");
        await receiver.WaitAsync(r => r.Count(x => x.Answer == 200) == 2, "both webhooks to be answered 200 after a 500");

        var posts = receiver.Received.ToArray();
        Assert.Equal(2, posts.Count(p => p.Path == "json"));
        Assert.Equal(2, posts.Count(p => p.Path == "slack"));
        var json = JsonNode.Parse(posts.Last(p => p.Path == "json").Body)!;
        Assert.Equal("succeeded", json["event"]!.GetValue<string>());
        Assert.Equal(id, json["jobId"]!.GetValue<long>());
        Assert.Equal("notify me", json["name"]!.GetValue<string>());
        Assert.Equal("Succeeded", json["status"]!.GetValue<string>());
        Assert.Equal(4, json["hosts"]!["succeeded"]!.GetValue<int>());
        Assert.Equal(4, json["hosts"]!["total"]!.GetValue<int>());
        Assert.Equal($"https://jobs.example/jobs/{id}", json["link"]!.GetValue<string>());
        var slack = JsonNode.Parse(posts.Last(p => p.Path == "slack").Body)!.AsObject();
        Assert.Equal(["text"], slack.Select(p => p.Key));
        Assert.StartsWith($"Job {id} (notify me) succeeded — 4 succeeded", slack["text"]!.GetValue<string>());
        Assert.EndsWith($"<https://jobs.example/jobs/{id}|Open job {id}>", slack["text"]!.GetValue<string>());

        // The page shows both deliveries, delivered at the second attempt, and never a webhook's token.
        string page = "";
        await WaitUntilAsync(async () => DeliveredRows().Matches(page = await client.GetStringAsync($"/jobs/{id}")).Count == 2, "two delivered rows on the job page");
        Assert.Equal(["2", "2"], AttemptCells().Matches(page).Select(m => m.Groups[1].Value));
        Assert.Contains("ops-json", page);
        Assert.Contains("ops-slack", page);
        Assert.DoesNotContain("secret-token", page);
        var settingsPage = await client.GetStringAsync("/settings/notifications");
        Assert.Contains("http://127.0.0.1", settingsPage);
        Assert.DoesNotContain("secret-token", settingsPage);
        await using var db = database.CreateContext();
        var audits = await db.AuditEntries.Where(a => a.Action == "notification.delivered" && a.Target == $"job/{id}").ToListAsync();
        Assert.Equal(2, audits.Count);
        Assert.All(audits, a => Assert.Contains("delivered (HTTP 200) at attempt 2", a.Detail));
        Assert.Contains(logs.Lines, l => l.Contains("to ops-slack failed (attempt 1): HTTP 500"));
        // Sent by Hangfire: the pass is a recurring job, beside the retention purge on its daily cron.
        using var connection = app.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection();
        var recurring = Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection).ToDictionary(j => j.Id, j => j.Cron);
        Assert.Equal("*/1 * * * * *", recurring[NotificationPass.RecurringId]);
        Assert.Equal("17 3 * * *", recurring[Jobs.Core.Retention.RetentionJob.RecurringId]);
        Assert.DoesNotContain(logs.Lines, l => l.Contains("secret-token"));
    }

    [Fact]
    public async Task Sender_OnAManualClock_BacksOffAfterA500_DeliversWhenDue_GivesUpAfterMaxAttempts()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 1);
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedServersAsync(database, 3);
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var settings = FastTicks();
        settings["Jobs:Notifications:PollSeconds"] = "0"; // no background pass: this test sends by hand
        settings["Jobs:Notifications:RetryBaseSeconds"] = "60";
        settings["Jobs:Notifications:MaxAttempts"] = "3";
        settings["Jobs:Notifications:Webhooks:flaky:Url"] = receiver.Hook("flaky");
        settings["Jobs:Notifications:Webhooks:down:Url"] = "http://127.0.0.1:1/hooks/down/secret-token-down";
        settings["Jobs:Notifications:Webhooks:down:Events:0"] = "Paused";
        settings["Jobs:Executors:local:Enabled"] = "true";
        await using var factory = new JobsWebFactory(database, settings);
        var app = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var client = app.CreateClient();
        var later = clock.GetUtcNow().AddHours(1).ToString("O");

        // An operator's pause (JobService's control) → one delivery per interested webhook, with the reason.
        var request = Request("held");
        request["startAt"] = later;
        var id = (await CreateAsync(client, request))["id"]!.GetValue<long>();
        (await client.PostAsync($"/api/v1/jobs/{id}/pause", null)).EnsureSuccessStatusCode();
        var flaky = await DeliveryAsync(database, id, "flaky", NotificationEvent.Paused);
        var down = await DeliveryAsync(database, id, "down", NotificationEvent.Paused);
        Assert.StartsWith("paused by api-key:", flaky.Reason);

        // 500 → pending, next try after the base backoff; not due yet → not posted again.
        Assert.Equal(DeliveryStatus.Pending, await SendAsync(app, flaky.Id));
        Assert.Equal(DeliveryStatus.Pending, await SendAsync(app, flaky.Id));
        Assert.Single(receiver.Received);
        flaky = await DeliveryAsync(database, id, "flaky", NotificationEvent.Paused);
        Assert.Equal((1, 500), (flaky.Attempts, flaky.LastStatusCode));
        Assert.Equal(clock.GetUtcNow().UtcDateTime.AddSeconds(60), flaky.NextAttemptAt);
        clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(DeliveryStatus.Delivered, await SendAsync(app, flaky.Id));
        Assert.Equal(2, receiver.Received.Count);
        Assert.Contains("paused by api-key:", receiver.Received.Last().Body);

        // A receiver that refuses connections: 60 s, then 240 s, then given up after the third attempt (audited).
        Assert.Equal(DeliveryStatus.Pending, await SendAsync(app, down.Id));
        clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(DeliveryStatus.Pending, await SendAsync(app, down.Id));
        down = await DeliveryAsync(database, id, "down", NotificationEvent.Paused);
        Assert.Equal(clock.GetUtcNow().UtcDateTime.AddSeconds(240), down.NextAttemptAt);
        clock.Advance(TimeSpan.FromSeconds(240));
        Assert.Equal(DeliveryStatus.Failed, await SendAsync(app, down.Id));
        down = await DeliveryAsync(database, id, "down", NotificationEvent.Paused);
        Assert.Equal((3, null, "connection refused or unreachable"), (down.Attempts, down.NextAttemptAt, down.LastError));
        await using (var db = database.CreateContext())
        {
            var gaveUp = await db.AuditEntries.SingleAsync(a => a.Action == "notification.failed");
            Assert.Contains("gave up after 3 attempts", gaveUp.Detail);
            Assert.DoesNotContain("secret-token", gaveUp.Detail);
        }

        // The abort path (AbortWork) and the two-person rule at creation (a job born awaiting approval) are captured too.
        (await client.PostAsync($"/api/v1/jobs/{id}/abort", null)).EnsureSuccessStatusCode();
        Assert.StartsWith("aborted by", (await DeliveryAsync(database, id, "flaky", NotificationEvent.Aborted)).Reason);
        var dangerous = Request("wipe", executor: "local", parameters: new JsonObject { ["command"] = "rm -rf /tmp/jobs-notification-test" });
        dangerous["startAt"] = later;
        var held = await CreateAsync(client, dangerous);
        Assert.Equal("AwaitingApproval", Status(held));
        await DeliveryAsync(database, held["id"]!.GetValue<long>(), "flaky", NotificationEvent.AwaitingApproval);
        await using (var db = database.CreateContext())
            Assert.Equal(4, await db.NotificationDeliveries.CountAsync());
    }

    private static async Task<DeliveryStatus?> SendAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app, long id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NotificationSender>().SendAsync(id, default);
    }

    private static async Task<NotificationDelivery> DeliveryAsync(TestDatabase database, long jobId, string webhook, NotificationEvent e)
    {
        await using var db = database.CreateContext();
        return await db.NotificationDeliveries.AsNoTracking().SingleAsync(d => d.JobId == jobId && d.Webhook == webhook && d.Event == e);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> until, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await until())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting for {what}");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex("data-testid=\"delivery-status\">Delivered<")]
    private static partial Regex DeliveredRows();

    [GeneratedRegex("data-testid=\"delivery-attempts\">(\\d+)<")]
    private static partial Regex AttemptCells();
}
