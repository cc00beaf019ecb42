using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;
using static Jobs.Web.Tests.Events.EventFixture;

namespace Jobs.Web.Tests.Events;

/// <summary>Bad events and rules answer 400 problem details naming the field, and form field errors on the page (issue 14).</summary>
public sealed class EventValidationTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private JobsWebFactory _app = null!;
    private long _templateId;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        _app = new JobsWebFactory(_database);
        _templateId = await CreateCleanUpTemplateAsync(_app);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static async Task<JsonObject> ErrorsAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("System.", text);
        return JsonNode.Parse(text)!["errors"]!.AsObject();
    }

    private static string First(JsonObject errors, string field) =>
        errors[field]?.AsArray()[0]!.GetValue<string>() ?? throw new Xunit.Sdk.XunitException($"no error for {field}: {errors.ToJsonString()}");

    [Theory]
    [InlineData("match", "detail.usage >", "match", "expected a value")]
    [InlineData("match", "hostname = web", "match", "unknown field 'hostname'")]
    [InlineData("match", "detail.host ~ \"(?<=x)\"", "match", "not supported")]
    [InlineData("eventType", "", "eventType", "event type is required")]
    [InlineData("eventType", "disk usage!", "eventType", "letters, digits")]
    [InlineData("name", "", "name", "name is required")]
    public async Task CreateRule_BadField_400NamesIt(string field, string value, string errorKey, string expected)
    {
        var rule = DiskRule(_templateId);
        rule[field] = value;
        var errors = await ErrorsAsync(await _app.CreateClient().PostAsJsonAsync("/api/v1/rules", rule));
        Assert.Contains(expected, First(errors, errorKey));
    }

    [Fact]
    public async Task CreateRule_BadVariablesAndBucket_400NamesEachField()
    {
        var rule = DiskRule(_templateId);
        rule["variables"] = new JsonObject { ["host"] = "{{event.detail.host}} {{host.ip}}", ["version"] = "1" };
        rule["bucket"] = new JsonObject { ["capacity"] = 0, ["refill"] = 1, ["intervalSeconds"] = 0, ["key"] = "{{detail.host}}" };
        var errors = await ErrorsAsync(await _app.CreateClient().PostAsJsonAsync("/api/v1/rules", rule));
        Assert.Contains("'{{host.ip}}' is not an event field", First(errors, "variables.host"));
        Assert.Contains("no variable version; it has host", First(errors, "variables.version"));
        Assert.Contains("from 1 to 10000", First(errors, "bucket.capacity"));
        Assert.Contains("1 to 604800 seconds", First(errors, "bucket.intervalSeconds"));
        Assert.Contains("not an event field", First(errors, "bucket.key"));
    }

    [Fact]
    public async Task CreateRule_NoOrUnknownTemplate_400Or404()
    {
        var client = _app.CreateClient();
        var rule = DiskRule(_templateId);
        rule.Remove("templateId");
        Assert.Contains("template to run is required", First(await ErrorsAsync(await client.PostAsJsonAsync("/api/v1/rules", rule)), "templateId"));
        rule["templateId"] = 999;
        var response = await client.PostAsJsonAsync("/api/v1/rules", rule);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Template 999 does not exist", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UpdateAndDeleteRule_AreAuditedAndUnknownRuleIs404()
    {
        var client = _app.CreateClient();
        var id = (await PostJsonAsync(client, "/api/v1/rules", DiskRule(_templateId)))["id"]!.GetValue<long>();
        var changed = DiskRule(_templateId);
        changed["match"] = "detail.usage>=95";
        var response = await client.PutAsJsonAsync($"/api/v1/rules/{id}", changed);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("detail.usage >= 95", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["match"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/rules/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/rules/{id}")).StatusCode);

        var audit = await client.GetPageAsync($"/audit?target=rule/{id}");
        var actions = audit.QuerySelectorAll("tbody code").Select(c => c.TextContent).ToList();
        Assert.Equal(["rule.delete", "rule.update", "rule.create"], actions);
    }

    [Theory]
    [InlineData("""{"source": "p", "detail": {}}""", "type", "event type is required")]
    [InlineData("""{"type": "disk usage", "source": "p", "detail": {}}""", "type", "letters, digits")]
    [InlineData("""{"type": "disk.usage", "detail": {}}""", "source", "source is required")]
    [InlineData("""{"type": "disk.usage", "source": "p"}""", "detail", "detail object is required")]
    [InlineData("""{"type": "disk.usage", "source": "p", "detail": {}, "colour": 1}""", "colour", "")]
    [InlineData("""{"type": "disk.usage", "source": "p", "detail": [1]}""", "detail", "")]
    public async Task PostEvent_BadBody_400NamesTheField(string body, string field, string expected)
    {
        var response = await _app.CreateClient().PostAsync("/api/v1/events", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var errors = await ErrorsAsync(response);
        Assert.Contains(expected, First(errors, field));
    }

    [Fact]
    public async Task RuleForm_BadMatchAndVariableLine_FieldErrorsOnTheFormNothingSaved()
    {
        var client = _app.CreateClient();
        var page = await client.GetPageAsync($"/templates/{_templateId}/rules/new");
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("[data-testid=rule-form]")!;
        var response = await client.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Name"] = "disk", ["EventType"] = "disk.usage", ["Match"] = "detail.usage >> 90", ["Variables"] = "host {{event.detail.host}}",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await HtmlForms.ParseAsync(response);
        Assert.Contains("at character", result.QuerySelector("#Match + .invalid-feedback")!.TextContent);
        Assert.Contains("Line 1 is not 'variable: text'", result.QuerySelector("#Variables + .invalid-feedback")!.TextContent);
        Assert.Empty(JsonNode.Parse(await client.GetStringAsync("/api/v1/rules"))!.AsArray());

        var ok = await client.SubmitAsync((AngleSharp.Html.Dom.IHtmlFormElement)result.QuerySelector("[data-testid=rule-form]")!, new Dictionary<string, string>
        {
            ["Match"] = "detail.usage > 90", ["Variables"] = "host: {{event.detail.host}}",
        });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode); // after the redirect to the template's rules
        var rule = Assert.Single(JsonNode.Parse(await client.GetStringAsync("/api/v1/rules"))!.AsArray())!;
        Assert.Equal("{{event.detail.host}}", rule["variables"]!["host"]!.GetValue<string>());
    }
}
