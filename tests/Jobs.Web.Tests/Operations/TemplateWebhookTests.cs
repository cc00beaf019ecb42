using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jobs.Core.Auditing;
using Jobs.Core.Domain;
using Jobs.Core.Notifications;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;
using Jobs.Web.Tests.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jobs.Web.Tests.Engine.EngineFixture;

namespace Jobs.Web.Tests.Operations;

/// <summary>Issue 14, notifications "per template or global": a webhook limited to a template is told about that
/// template's jobs only; a global one about every job.</summary>
public sealed class TemplateWebhookTests
{
    [Fact]
    public async Task TemplateWebhook_ToldAboutItsTemplatesJobsOnly_GlobalOneAboutEvery_Issue14()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedServersAsync(database, 24);
        var settings = FastTicks();
        settings["Jobs:Notifications:PollSeconds"] = "0"; // rows only: who is told is decided when the transition is saved
        settings["Jobs:Notifications:Webhooks:everyone:Url"] = "http://127.0.0.1:1/hooks/everyone";
        await using var app = new JobsWebFactory(database, settings);
        var client = app.CreateClient();
        var deploy = await CreateTemplateAsync(client, "deploy order-api");
        var other = await CreateTemplateAsync(client, "restart pay-api");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var webhooks = scope.ServiceProvider.GetRequiredService<WebhookSettings>();
            var all = Enum.GetValues<NotificationEvent>();
            Assert.Empty(await webhooks.AddAsync("deploy-team", "http://127.0.0.1:1/hooks/deploy", WebhookFormat.Slack, all, Actor.System, default, deploy));
            // A template that does not exist is a field error, nothing written.
            var unknown = await webhooks.AddAsync("nobody", "http://127.0.0.1:1/hooks/nobody", WebhookFormat.Json, all, Actor.System, default, 999_999);
            Assert.Contains("Template", unknown["templateId"]);
        }
        var page = await client.GetStringAsync("/settings/notifications");
        Assert.Contains("jobs of deploy order-api", page);
        Assert.Contains("every job", page);

        var fromDeploy = await RunAsync(client, deploy);
        var fromOther = await RunAsync(client, other);
        var plain = (await CreateAsync(client, Request("by hand", batches: "100%")))["id"]!.GetValue<long>();
        foreach (var id in new[] { fromDeploy, fromOther, plain }) await WaitForStatusAsync(client, id, "Succeeded");

        await using var db = database.CreateContext();
        var told = await db.NotificationDeliveries.AsNoTracking().Where(d => d.Event == NotificationEvent.Succeeded)
            .Select(d => new { d.JobId, d.Webhook }).ToListAsync();
        Assert.Equal(["deploy-team", "everyone"], told.Where(d => d.JobId == fromDeploy).Select(d => d.Webhook).Order());
        Assert.Equal(["everyone"], told.Where(d => d.JobId == fromOther).Select(d => d.Webhook));
        Assert.Equal(["everyone"], told.Where(d => d.JobId == plain).Select(d => d.Webhook));
        Assert.False(await db.NotificationWebhooks.AnyAsync(w => w.Name == "nobody"));
        Assert.Contains("jobs of template 'deploy order-api'",
            (await db.AuditEntries.SingleAsync(a => a.Action == "notifications.webhook-add")).Detail);
    }

    private static async Task<long> CreateTemplateAsync(HttpClient client, string name)
    {
        var body = TemplatesApiTests.Template();
        body["name"] = name;
        var response = await client.PostAsJsonAsync("/api/v1/templates", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonNode.Parse(text)!["id"]!.GetValue<long>();
    }

    private static async Task<long> RunAsync(HttpClient client, long templateId)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/templates/{templateId}/run",
            new JsonObject { ["variables"] = new JsonObject { ["app"] = "order-api", ["version"] = "1.2.3" } });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!["id"]!.GetValue<long>();
    }
}
