using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Jobs.Core.Filtering;
using Jobs.Core.Inventory;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Web.Tests.Servers;

public sealed class ServersApiTests
{
    private const string IssueFilter = "env=prod and app in (order-api, pay-api) and not hostname ~ \"^db-\" and idc != SH2";

    private static async Task<(TestDatabase Db, JobsWebFactory App)> StartAsync(TestProvider provider, int seed,
        Dictionary<string, string?>? settings = null)
    {
        var db = await TestDatabase.CreateAsync(provider);
        var values = new Dictionary<string, string?> { ["Jobs:Demo:SeedServers"] = seed.ToString() };
        foreach (var (k, v) in settings ?? []) values[k] = v;
        return (db, new JobsWebFactory(db, values));
    }

    private static string Url(string filter, int? skip = null, int? take = null) =>
        "/api/v1/servers?filter=" + Uri.EscapeDataString(filter) + (skip is null ? "" : $"&skip={skip}") + (take is null ? "" : $"&take={take}");

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Get_IssueFilter_ReturnsWhatTheFilterMatchesInMemory(TestProvider provider)
    {
        var (db, app) = await StartAsync(provider, 2000);
        await using var dbScope = db;
        using var appScope = app;
        var client = app.CreateClient();
        var expected = DemoInventory.Generate(2000, DateTime.UnixEpoch).Where(HostFilter.Parse(IssueFilter).Matches)
            .Select(s => s.Hostname).Order(StringComparer.Ordinal).ToList();

        var response = await client.GetAsync(Url(IssueFilter, take: 1000));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(expected.Count, json.GetProperty("total").GetInt32());
        var items = json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(expected, items.Select(i => i.GetProperty("hostname").GetString()));
        var first = items[0];
        foreach (var name in new[] { "hostname", "ip", "idc", "env", "app", "role", "os", "status", "owner", "tags" })
            Assert.True(first.TryGetProperty(name, out _), $"item lacks '{name}'");
        Assert.Equal("prod", first.GetProperty("env").GetString());
        Assert.Contains(first.GetProperty("status").GetString(), new[] { "online", "offline", "maintenance" });
        Assert.Equal(JsonValueKind.Array, first.GetProperty("tags").ValueKind);
    }

    [Fact]
    public async Task Get_EnvProd_PagesAndCapsTake()
    {
        var (db, app) = await StartAsync(TestProvider.Sqlite, 2000);
        await using var dbScope = db;
        using var appScope = app;
        var client = app.CreateClient();

        var all = await client.GetFromJsonAsync<JsonElement>(Url("env=prod", take: 5000));
        var page = await client.GetFromJsonAsync<JsonElement>(Url("env=prod", skip: 3, take: 2));
        var defaults = await client.GetFromJsonAsync<JsonElement>("/api/v1/servers");

        Assert.True(all.GetProperty("total").GetInt32() > 1000);
        Assert.Equal(1000, all.GetProperty("items").GetArrayLength());
        Assert.Equal(all.GetProperty("items")[3].GetProperty("hostname").GetString(), page.GetProperty("items")[0].GetProperty("hostname").GetString());
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        Assert.Equal(2000, defaults.GetProperty("total").GetInt32());
        Assert.Equal(100, defaults.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Get_RegexAndTagFilter_RunsThroughTheSqliteRegexpFunction()
    {
        var (db, app) = await StartAsync(TestProvider.Sqlite, 2000);
        await using var dbScope = db;
        using var appScope = app;
        const string filter = "hostname ~ \"^DB-(order|pay)-\" and tag = canary and status != offline";
        var expected = DemoInventory.Generate(2000, DateTime.UnixEpoch).Count(HostFilter.Parse(filter).Matches);

        var json = await app.CreateClient().GetFromJsonAsync<JsonElement>(Url(filter));

        Assert.True(expected > 0);
        Assert.Equal(expected, json.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("env=prod and idc=", "at character 18: expected a value after '=', found end of filter")]
    [InlineData("colour = red", "at character 1: unknown field 'colour'; known fields: hostname, ip, idc, env, app, role, os, status, owner, tag")]
    [InlineData("hostname ~ \"(\"", "at character 12: invalid regular expression '('")]
    public async Task Get_BadFilter_Returns400ProblemWithParserMessage(string filter, string message)
    {
        var (db, app) = await StartAsync(TestProvider.Sqlite, 0);
        await using var dbScope = db;
        using var appScope = app;

        var response = await app.CreateClient().GetAsync(Url(filter));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith(message, problem.GetProperty("detail").GetString());
        Assert.StartsWith(message, problem.GetProperty("errors").GetProperty("filter")[0].GetString());
    }

    [Theory]
    [InlineData("?skip=-1", "skip")]
    [InlineData("?take=0", "take")]
    public async Task Get_BadPaging_Returns400(string query, string field)
    {
        var (db, app) = await StartAsync(TestProvider.Sqlite, 0);
        await using var dbScope = db;
        using var appScope = app;

        var response = await app.CreateClient().GetAsync("/api/v1/servers" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Import_GoodCsv_UpsertsAndReportsCounts(TestProvider provider)
    {
        var (db, app) = await StartAsync(provider, 50);
        await using var dbScope = db;
        using var appScope = app;
        var client = app.CreateClient();
        var existing = DemoInventory.Generate(50, DateTime.UnixEpoch)[0];
        var csv = $"hostname,ip,idc,env,app,tags\n{existing.Hostname},{existing.Ip},{existing.Idc},{existing.Env},{existing.App},canary;new\n" +
                  "new-01,10.200.0.1,SH1,prod,new-app,\n";

        var response = await client.PostAsync("/api/v1/servers/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((1, 1, 0), (body.GetProperty("inserted").GetInt32(), body.GetProperty("updated").GetInt32(), body.GetProperty("unchanged").GetInt32()));
        var tagged = await client.GetFromJsonAsync<JsonElement>(Url("tag = new"));
        Assert.Equal(existing.Hostname, tagged.GetProperty("items")[0].GetProperty("hostname").GetString());
        Assert.Equal(51, (await client.GetFromJsonAsync<JsonElement>("/api/v1/servers")).GetProperty("total").GetInt32());
        await using var ctx = db.CreateContext();
        Assert.Equal(1, await ctx.AuditEntries.CountAsync(a => a.Action == ServerImporter.AuditAction));
    }

    [Fact]
    public async Task Import_BadRows_Returns400WithLineErrorsAndWritesNothing()
    {
        var (db, app) = await StartAsync(TestProvider.Sqlite, 0);
        await using var dbScope = db;
        using var appScope = app;
        var csv = "hostname,ip,idc,env,app\nok-1,10.0.0.1,SH1,prod,a\nok-2,not-an-ip,SH1,prod,a\nok-1,10.0.0.3,SH1,prod,a\n";

        var response = await app.CreateClient().PostAsync("/api/v1/servers/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var errors = problem.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("message").GetString())).ToList();
        Assert.Equal([(3, "ip 'not-an-ip' is not an IPv4 or IPv6 address"), (4, "hostname 'ok-1' already appears on line 2")], errors);
        await using var ctx = db.CreateContext();
        Assert.Equal(0, await ctx.Servers.CountAsync());
    }

    [Fact]
    public async Task Import_LargerThanLimit_Returns413()
    {
        var (db, app) = await StartAsync(TestProvider.Sqlite, 0, new() { ["Jobs:Import:MaxBytes"] = "1024" });
        await using var dbScope = db;
        using var appScope = app;
        var csv = "hostname,ip,idc,env,app\n" + string.Concat(Enumerable.Range(1, 100).Select(i => $"h-{i},10.0.0.{i},SH1,prod,a\n"));

        var response = await app.CreateClient().PostAsync("/api/v1/servers/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("The file is larger than the import limit of 1 KB (Jobs:Import:MaxBytes).", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Import_NotCsvContentType_Returns415()
    {
        var (db, app) = await StartAsync(TestProvider.Sqlite, 0);
        await using var dbScope = db;
        using var appScope = app;

        var response = await app.CreateClient().PostAsync("/api/v1/servers/import",
            new StringContent("{\"hostname\":\"x\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }
}
