using System.Net;
using System.Text.Json.Nodes;
using Jobs.Core.Persistence;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;
using Jobs.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Jobs.Web.Tests.Events.EventFixture;

namespace Jobs.Web.Tests.Events;

/// <summary>Events → rules → jobs with a token bucket per rule (issue 14).</summary>
public sealed class EventRulesTests
{
    private static void AssertOutcome(string expected, JsonNode ev) =>
        Assert.True(ev["outcome"]!.GetValue<string>() == expected, $"expected {expected}: {ev.ToJsonString()}");

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task DiskAlert_TenTimesInAMinute_OneCleanUpJobOnExactlyThatHostAndNineThrottled(TestProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedServersAsync(database);
        await using var app = new JobsWebFactory(database);
        var client = app.CreateClient();
        var templateId = await CreateCleanUpTemplateAsync(app);
        var ruleId = (await PostJsonAsync(client, "/api/v1/rules", DiskRule(templateId)))["id"]!.GetValue<long>();

        var first = await PostJsonAsync(client, "/api/v1/events", DiskAlert());
        AssertOutcome("JobCreated", first);
        var result = Assert.Single(first["results"]!.AsArray())!;
        Assert.Equal(ruleId, result["ruleId"]!.GetValue<long>());
        Assert.Equal(Target, result["variables"]!["host"]!.GetValue<string>());
        Assert.Equal($"order-api_{Target}", result["bucketKey"]!.GetValue<string>());
        var jobId = result["jobId"]!.GetValue<long>();

        var hosts = JsonNode.Parse(await client.GetStringAsync($"/api/v1/jobs/{jobId}/hosts"))!;
        Assert.Equal(Target, Assert.Single(hosts["items"]!.AsArray())!["hostname"]!.GetValue<string>());

        for (var i = 0; i < 9; i++)
        {
            var repeat = await PostJsonAsync(client, "/api/v1/events", DiskAlert());
            AssertOutcome("Throttled", repeat);
            var throttled = Assert.Single(repeat["results"]!.AsArray())!;
            Assert.Null(throttled["jobId"]);
            Assert.StartsWith($"Throttled: bucket 'order-api_{Target}' is empty", throttled["reason"]!.GetValue<string>());
        }

        await using var db = database.CreateContext();
        Assert.Equal(1, await db.Jobs.CountAsync());
        var page = JsonNode.Parse(await client.GetStringAsync("/api/v1/events?outcome=Throttled&type=disk.usage"))!;
        Assert.Equal(9, page["total"]!.GetValue<int>());
        Assert.Equal(10, JsonNode.Parse(await client.GetStringAsync("/api/v1/events?source=prometheus-bj1"))!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task DiskAlert_OtherHostSameRule_HasItsOwnBucket()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedServersAsync(database);
        await using var app = new JobsWebFactory(database);
        var client = app.CreateClient();
        var templateId = await CreateCleanUpTemplateAsync(app);
        await PostJsonAsync(client, "/api/v1/rules", DiskRule(templateId));

        AssertOutcome("JobCreated", (await PostJsonAsync(client, "/api/v1/events", DiskAlert())));
        AssertOutcome("JobCreated", (await PostJsonAsync(client, "/api/v1/events", DiskAlert(host: "web-bj1-prod-008"))));
        AssertOutcome("Throttled", (await PostJsonAsync(client, "/api/v1/events", DiskAlert(host: "web-bj1-prod-008"))));
    }

    [Fact]
    public async Task Event_OtherTypeOrBelowThreshold_CreatesNothingAndSaysWhy()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedServersAsync(database);
        await using var app = new JobsWebFactory(database);
        var client = app.CreateClient();
        var templateId = await CreateCleanUpTemplateAsync(app);
        await PostJsonAsync(client, "/api/v1/rules", DiskRule(templateId));

        var otherType = await PostJsonAsync(client, "/api/v1/events", DiskAlert(type: "cpu.usage"));
        AssertOutcome("NoRule", otherType);
        Assert.Empty(otherType["results"]!.AsArray());

        var below = await PostJsonAsync(client, "/api/v1/events", DiskAlert(usage: 85));
        AssertOutcome("NoMatch", below);
        var verdict = Assert.Single(below["results"]!.AsArray())!;
        AssertOutcome("NotMatched", verdict);
        Assert.Contains("detail.usage > 90", verdict["reason"]!.GetValue<string>());
        Assert.Null(verdict["jobId"]);

        await using var db = database.CreateContext();
        Assert.Equal(0, await db.Jobs.CountAsync());
        // The page says it too.
        var otherPage = await client.GetPageAsync($"/events/{otherType["id"]}");
        Assert.Contains("No enabled rule listens to events of this type", otherPage.Body!.TextContent);
        var belowPage = await client.GetPageAsync($"/events/{below["id"]}");
        Assert.Contains("Did not match", belowPage.QuerySelector("[data-testid=rule-results]")!.TextContent);
    }

    [Fact]
    public async Task Event_ScopedOperatorsKey_RuleOutsideTheScopeIsRefusedAndSaysSo()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedServersAsync(database);
        await using var app = new JobsWebFactory(database);
        await TestUsers.CreateAsync(app, TestUsers.ScopedOperator);
        var templateId = await CreateCleanUpTemplateAsync(app);
        await PostJsonAsync(app.CreateClient(), "/api/v1/rules", DiskRule(templateId));

        var sent = await PostJsonAsync(TestUsers.KeyClient(app, TestUsers.ScopedOperator), "/api/v1/events", DiskAlert());
        AssertOutcome("NotCreated", sent);
        var verdict = Assert.Single(sent["results"]!.AsArray())!;
        AssertOutcome("ScopeRefused", verdict);
        Assert.Contains("outside your server scope (env=uat)", verdict["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Event_VariableFailsTheTemplatesPattern_InvalidVariablesWithTheReason()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedServersAsync(database);
        await using var app = new JobsWebFactory(database);
        var client = app.CreateClient();
        var templateId = await CreateCleanUpTemplateAsync(app);
        await PostJsonAsync(client, "/api/v1/rules", DiskRule(templateId));

        // Matches the rule (^web-) but not the template's pattern for host (no upper case, no spaces).
        var sent = await PostJsonAsync(client, "/api/v1/events", DiskAlert(host: "web-BJ1 prod"));
        var verdict = Assert.Single(sent["results"]!.AsArray())!;
        AssertOutcome("InvalidVariables", verdict);
        Assert.Contains("variables.host", verdict["reason"]!.GetValue<string>());

        var missing = DiskAlert();
        missing["detail"]!.AsObject().Remove("host");
        missing["detail"]!["hostname"] = "web-x";
        // Without detail.host the expression is false (a missing field matches nothing): no token is spent on it.
        AssertOutcome("NoMatch", (await PostJsonAsync(client, "/api/v1/events", missing)));
    }

    [Fact]
    public async Task Rule_RequiresApproval_JobWaitsBeforeItsFirstBatch()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedServersAsync(database);
        await using var app = new JobsWebFactory(database);
        var client = app.CreateClient();
        var templateId = await CreateCleanUpTemplateAsync(app);
        await PostJsonAsync(client, "/api/v1/rules", DiskRule(templateId, requireApproval: true));

        var sent = await PostJsonAsync(client, "/api/v1/events", DiskAlert());
        var jobId = Assert.Single(sent["results"]!.AsArray())!["jobId"]!.GetValue<long>();
        var job = JsonNode.Parse(await client.GetStringAsync($"/api/v1/jobs/{jobId}"))!;
        Assert.Equal("AwaitingApproval", job["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Purge_EventsOlderThanRetention_AreDeletedWithTheirResultsInChunks()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await SeedServersAsync(database);
        await using var app = new JobsWebFactory(database, new Dictionary<string, string?> { ["Jobs:Events:RetentionDays"] = "7", ["Jobs:Events:PurgeChunkSize"] = "2" });
        var client = app.CreateClient();
        var templateId = await CreateCleanUpTemplateAsync(app);
        await PostJsonAsync(client, "/api/v1/rules", DiskRule(templateId));
        for (var i = 0; i < 5; i++) await PostJsonAsync(client, "/api/v1/events", DiskAlert(usage: 50));
        var keep = await PostJsonAsync(client, "/api/v1/events", DiskAlert(usage: 51));
        await using (var db = database.CreateContext())
        {
            var old = DateTime.UtcNow.AddDays(-8);
            await db.Events.Where(e => e.Id != keep["id"]!.GetValue<long>()).ExecuteUpdateAsync(s => s.SetProperty(e => e.ReceivedAt, old));
        }

        await using var scope = app.Services.CreateAsyncScope();
        var purged = await scope.ServiceProvider.GetRequiredService<Jobs.Core.Events.EventHousekeeping>().PurgeAsync(CancellationToken.None);

        Assert.Equal(5, purged);
        await using var check = database.CreateContext();
        Assert.Equal([keep["id"]!.GetValue<long>()], await check.Events.Select(e => e.Id).ToListAsync());
        Assert.Equal(1, await check.EventRuleResults.CountAsync());
        // The purge recurs on its own (Hangfire, hourly).
        using var connection = app.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection();
        Assert.Contains(Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection), j => j.Id == Jobs.Core.Events.EventHousekeeping.RecurringId);
    }
}
