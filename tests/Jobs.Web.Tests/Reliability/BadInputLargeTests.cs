using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Jobs.Core.Domain;
using Jobs.Testing;
using Jobs.Web.Tests.Engine;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Web.Tests.Reliability;

/// <summary>
/// Issue 13, the large and provider-specific bad inputs the generator does not reach on every run: a 50 MB and a
/// 100,001-row CSV, a 10 MB and a non-UTF-8 JSON body, and the hostile regular expressions on SQLite and PostgreSQL.
/// Each answers a 4xx with the reason, and nothing is written.
/// </summary>
public sealed class BadInputLargeTests
{
    private static async Task<(TestDatabase Db, JobsWebFactory App, HttpClient Client)> StartAsync(TestProvider provider = TestProvider.Sqlite)
    {
        var db = await TestDatabase.CreateAsync(provider);
        await EngineFixture.SeedServersAsync(db, 10);
        await using (var ctx = db.CreateContext())
        {
            ctx.Servers.Add(new Server(new string('a', 252) + "x", "10.200.0.1", "sh1", "prod", "aaaa", "web", "linux", ServerStatus.Online, "ops",
                [new string('a', 60) + "!"], new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
            await ctx.SaveChangesAsync();
        }
        var app = new JobsWebFactory(db, new Dictionary<string, string?> { ["Jobs:Scheduler:Enabled"] = "false" });
        return (db, app, app.CreateClient());
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, params HttpStatusCode[] expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected.Contains(response.StatusCode), $"{(int)response.StatusCode}: {body[..Math.Min(500, body.Length)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain("System.", body);
        return JsonDocument.Parse(body).RootElement;
    }

    private static ByteArrayContent Csv(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return content;
    }

    [Fact]
    public async Task ImportCsv_50MegabyteFile_Is413WithTheLimitAndWritesNothing_Issue13()
    {
        var (db, app, client) = await StartAsync();
        await using var _ = db;
        await using var __ = app;
        var row = "host-{0},10.1.1.1,sh1,prod,app,web,linux,online,ops,a;b\n";
        var sb = new StringBuilder("hostname,ip,idc,env,app,role,os,status,owner,tags\n", 52 * 1024 * 1024);
        for (var i = 0; sb.Length < 50 * 1024 * 1024; i++) sb.Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, row, i));

        var problem = await ProblemAsync(await client.PostAsync("/api/v1/servers/import", Csv(Encoding.UTF8.GetBytes(sb.ToString()))),
            HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("larger than the import limit of 10 MB (Jobs:Import:MaxBytes)", problem.GetProperty("detail").GetString());
        await using var ctx = db.CreateContext();
        Assert.Equal(11, await ctx.Servers.CountAsync());
    }

    [Fact]
    public async Task ImportCsv_100001Rows_Is413NamingTheRowLimitAndWritesNothing_Issue13()
    {
        var (db, app, client) = await StartAsync();
        await using var _ = db;
        await using var __ = app;
        var sb = new StringBuilder("hostname,ip,idc,env,app\r\n");
        for (var i = 0; i < 100_001; i++) sb.Append("h").Append(i).Append(i % 2 == 0 ? ",10.2.0.1,sh1,prod,a\r\n" : ",10.2.0.1,sh1,prod,a\n");

        var problem = await ProblemAsync(await client.PostAsync("/api/v1/servers/import", Csv(Encoding.UTF8.GetBytes(sb.ToString()))),
            HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("more than 100,000 data rows", problem.GetProperty("detail").GetString());
        await using var ctx = db.CreateContext();
        Assert.Equal(11, await ctx.Servers.CountAsync());
        Assert.Equal(0, await ctx.AuditEntries.CountAsync(a => a.Action == "servers.import"));
    }

    [Theory]
    [InlineData("/api/v1/jobs")]
    [InlineData("/api/v1/jobs/preview")]
    public async Task CreateJob_TenMegabyteBody_IsRefusedWithTheFieldAndCreatesNothing_Issue13(string url)
    {
        var (db, app, client) = await StartAsync();
        await using var _ = db;
        await using var __ = app;
        var body = $$"""{"name":"{{new string('n', 10 * 1024 * 1024)}}","filter":"env=prod","executor":"simulated","batches":"100%"}""";

        var response = await client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge);

        Assert.True(problem.TryGetProperty("errors", out var errors) || problem.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 }, problem.ToString());
        if (response.StatusCode == HttpStatusCode.BadRequest) Assert.True(errors.TryGetProperty("name", out var name) && name.GetArrayLength() > 0, problem.ToString());
        await using var ctx = db.CreateContext();
        Assert.Empty(ctx.Jobs);
    }

    [Fact]
    public async Task CreateJob_BodyNotUtf8_Is400SayingSoAndCreatesNothing_Issue13()
    {
        var (db, app, client) = await StartAsync();
        await using var _ = db;
        await using var __ = app;
        byte[] body = [.. "{\"name\":\"caf"u8, 0xE9, .. "\",\"filter\":\"env=prod\",\"executor\":\"simulated\"}"u8];
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var problem = await ProblemAsync(await client.PostAsync("/api/v1/jobs", content), HttpStatusCode.BadRequest);

        Assert.Contains("UTF-8", problem.GetProperty("errors").ToString(), StringComparison.OrdinalIgnoreCase);
        await using var ctx = db.CreateContext();
        Assert.Empty(ctx.Jobs);
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Filter_HostileRegularExpressions_AnswerOkOr400OnEveryProvider_Issue13(TestProvider provider)
    {
        var (db, app, client) = await StartAsync(provider);
        await using var _ = db;
        await using var __ = app;
        var answers = new List<string>();
        foreach (var pattern in BadInputGenerators.HostilePatterns)
        {
            foreach (var field in new[] { "hostname", "tag" })
            {
                var filter = $"{field} ~ \"{pattern.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"";
                var response = await client.GetAsync("/api/v1/servers?filter=" + Uri.EscapeDataString(filter));
                var body = await response.Content.ReadAsStringAsync();
                answers.Add($"{(int)response.StatusCode} {filter}");
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{filter}: {(int)response.StatusCode} {body}");
                if (response.StatusCode == HttpStatusCode.BadRequest)
                    Assert.Contains("\"filter\"", body);
            }
        }
        // The ones PostgreSQL cannot take are refused before they reach it (counts over 255) or answered as such.
        Assert.Contains(answers, a => a.StartsWith("400", StringComparison.Ordinal) && a.Contains("a{1,1000}", StringComparison.Ordinal));
        Assert.Contains(answers, a => a.StartsWith("200", StringComparison.Ordinal) && a.Contains("(a+)+$", StringComparison.Ordinal));
    }
}
