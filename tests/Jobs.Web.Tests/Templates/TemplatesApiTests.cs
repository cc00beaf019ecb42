using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jobs.Testing;
using Jobs.Web.Tests.Engine;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Web.Tests.Templates;

/// <summary>Issue 14: /api/v1/templates — create, update (a new version), run with variables (400 problem details per
/// variable naming the rule), and the job recording the version it came from.</summary>
public sealed class TemplatesApiTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private JobsWebFactory _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await EngineFixture.SeedServersAsync(_db, 24);
        _app = new JobsWebFactory(_db, EngineFixture.FastTicks());
        _client = _app.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _db.DisposeAsync();
    }

    /// <summary>The simulator takes no text parameters: the variables go into the job's name and its numeric seed.</summary>
    internal static JsonObject Template(string jobName = "deploy {{var.version}} in {{var.colour}}") => new()
    {
        ["name"] = "deploy order-api",
        ["request"] = new JsonObject
        {
            ["name"] = jobName,
            ["filter"] = "env=prod and app = {{var.app}}", ["executor"] = "simulated", ["batches"] = "50%",
            ["parameters"] = new JsonObject { ["latencyMs"] = 20, ["failureRate"] = 0, ["seed"] = "{{var.seed}}" },
            ["gates"] = new JsonObject { ["maxFailurePercent"] = 10 },
        },
        ["variables"] = new JsonArray(
            new JsonObject { ["name"] = "app", ["required"] = true },
            new JsonObject { ["name"] = "version", ["pattern"] = @"\d+\.\d+\.\d+" },
            new JsonObject { ["name"] = "colour", ["oneOf"] = new JsonArray("blue", "green"), ["default"] = "blue" },
            new JsonObject { ["name"] = "seed", ["type"] = "number", ["default"] = "7" }),
    };

    private async Task<long> CreateTemplateAsync()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/templates", Template());
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonNode.Parse(body)!["id"]!.GetValue<long>();
    }

    private Task<HttpResponseMessage> RunAsync(long id, JsonObject variables) =>
        _client.PostAsJsonAsync($"/api/v1/templates/{id}/run", new JsonObject { ["variables"] = variables });

    [Fact]
    public async Task Run_BadVariables_Answers400NamingEachVariableAndItsRule()
    {
        var id = await CreateTemplateAsync();

        var response = await RunAsync(id, new JsonObject { ["version"] = "1.2", ["colour"] = "red" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Contains("app is required", errors["variables.app"]![0]!.GetValue<string>());
        Assert.Contains(@"does not match the pattern \d+\.\d+\.\d+", errors["variables.version"]![0]!.GetValue<string>());
        Assert.Equal("colour must be one of: blue, green (got 'red').", errors["variables.colour"]![0]!.GetValue<string>());
        await using var db = _db.CreateContext();
        Assert.False(await db.Jobs.AnyAsync());
    }

    [Fact]
    public async Task Run_RecordsTheVersion_AndUpdateMakesANewVersionThatLaterRunsUse()
    {
        var id = await CreateTemplateAsync();

        var first = await RunAsync(id, new JsonObject { ["app"] = "order-api", ["version"] = "1.2.3" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var job1 = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        Assert.Equal((id, 1), (job1["templateId"]!.GetValue<long>(), job1["templateVersion"]!.GetValue<int>()));
        Assert.Equal("env=prod and app = \"order-api\"", job1["filter"]!.GetValue<string>());

        var edited = Template("deploy --canary {{var.version}} in {{var.colour}}");
        edited["note"] = "canary flag";
        var put = await _client.PutAsJsonAsync($"/api/v1/templates/{id}", edited);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(2, JsonNode.Parse(await put.Content.ReadAsStringAsync())!["version"]!.GetValue<int>());

        var second = JsonNode.Parse(await (await RunAsync(id, new JsonObject { ["app"] = "pay-api", ["version"] = "1.2.4", ["colour"] = "green" }))
            .Content.ReadAsStringAsync())!;
        Assert.Equal(2, second["templateVersion"]!.GetValue<int>());
        var v1 = JsonNode.Parse(await _client.GetStringAsync($"/api/v1/templates/{id}?version=1"))!;
        Assert.Equal("deploy {{var.version}} in {{var.colour}}", v1["request"]!["name"]!.GetValue<string>());
        Assert.Equal(2, v1["versions"]!.AsArray().Count);
        await using var db = _db.CreateContext();
        Assert.Equal([("deploy 1.2.3 in blue", 1), ("deploy --canary 1.2.4 in green", 2)],
            (await db.Jobs.OrderBy(j => j.Id).Select(j => new { j.Name, j.TemplateVersion }).ToListAsync()).Select(j => (j.Name, j.TemplateVersion ?? 0)));
        Assert.Contains("\"seed\":7", (await db.Jobs.OrderBy(j => j.Id).FirstAsync()).ParametersJson);
    }

    [Fact]
    public async Task Run_AVariableCannotWidenTheFilter()
    {
        var id = await CreateTemplateAsync();

        var response = await RunAsync(id, new JsonObject { ["app"] = "order-api or env=prod", ["version"] = "1.0.0" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Equal("No server matches this filter.", errors["filter"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_UnknownTemplateAndBadDefinition_Answer404And400()
    {
        var missing = await RunAsync(999, []);
        var bad = Template();
        bad["variables"]![1]!["pattern"] = "(oops";
        var invalid = await _client.PostAsJsonAsync("/api/v1/templates", bad);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = JsonNode.Parse(await invalid.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Contains("not a valid regular expression", errors["variables[1].pattern"]![0]!.GetValue<string>());
    }
}
