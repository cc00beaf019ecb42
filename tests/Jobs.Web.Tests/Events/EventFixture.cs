using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Jobs.Web.Tests.Events;

/// <summary>Servers, a clean-up template with a <c>host</c> variable, a disk-usage rule, and events, for the issue 14 tests.</summary>
public static class EventFixture
{
    public const string Target = "web-bj1-prod-007";

    /// <summary>Eleven online servers web-bj1-prod-001…011 (prod) and one uat server.</summary>
    public static async Task SeedServersAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var at = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 1; i <= 11; i++)
            db.Servers.Add(new Server($"web-bj1-prod-{i:D3}", $"10.0.0.{i}", "bj1", "prod", "order-api", "web", "linux", ServerStatus.Online, "ops", [], at));
        db.Servers.Add(new Server("web-bj1-uat-001", "10.0.1.1", "bj1", "uat", "order-api", "web", "linux", ServerStatus.Online, "ops", [], at));
        await db.SaveChangesAsync();
    }

    /// <summary>A template that cleans up /data on exactly the host named by its <c>host</c> variable.</summary>
    public static async Task<long> CreateCleanUpTemplateAsync(JobsWebFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JobsDbContext>();
        var request = new JsonObject
        {
            ["name"] = "clean up /data on {{var.host}}",
            ["filter"] = "hostname = {{var.host}}",
            ["executor"] = "simulated",
            ["parameters"] = new JsonObject { ["latencyMs"] = 10, ["failureRate"] = 0 },
            ["batches"] = "100%",
            ["parallelism"] = 1,
            ["gates"] = new JsonObject { ["maxFailurePercent"] = 10 },
        };
        const string variables = """[{"name": "host", "pattern": "^web-[a-z0-9-]+$", "description": "the full disk's host"}]""";
        var template = new JobTemplate("disk clean-up", "frees /data", new JobTemplateVersion(request.ToJsonString(), variables, "admin", DateTime.UtcNow), DateTime.UtcNow);
        db.JobTemplates.Add(template);
        await db.SaveChangesAsync();
        return template.Id;
    }

    /// <summary>The rule: disk usage over 90% on a web host runs the clean-up there, once per 10 minutes per app and host.</summary>
    public static JsonObject DiskRule(long templateId, bool requireApproval = false) => new()
    {
        ["templateId"] = templateId,
        ["name"] = "disk full on web",
        ["eventType"] = "disk.usage",
        ["match"] = "detail.code = 1 and detail.usage > 90 and detail.host ~ \"^web-\"",
        ["variables"] = new JsonObject { ["host"] = "{{event.detail.host}}" },
        ["bucket"] = new JsonObject { ["capacity"] = 1, ["refill"] = 1, ["intervalSeconds"] = 600, ["key"] = "{{event.detail.app}}_{{event.detail.host}}" },
        ["requireApproval"] = requireApproval,
    };

    public static JsonObject DiskAlert(double usage = 97.5, string type = "disk.usage", string host = Target) => new()
    {
        ["type"] = type,
        ["source"] = "prometheus-bj1",
        ["detail"] = new JsonObject { ["code"] = 1, ["usage"] = usage, ["host"] = host, ["app"] = "order-api", ["mount"] = "/data" },
    };

    public static async Task<JsonObject> PostJsonAsync(HttpClient client, string url, JsonObject body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await client.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
