using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using Jobs.Testing;
using Jobs.Web.Tests.Engine;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Web.Tests.Reliability;

/// <summary>
/// Issue 13: a create sent twice makes one job — concurrent <c>POST /api/v1/jobs</c> with one <c>Idempotency-Key</c>,
/// and the wizard's Create double-submitted — on SQLite and PostgreSQL, where the unique index decides.
/// </summary>
public sealed class IdempotencyTests
{
    private const int Parallel = 8;

    private static async Task<(TestDatabase Db, JobsWebFactory App)> StartAsync(TestProvider provider)
    {
        var db = await TestDatabase.CreateAsync(provider);
        await EngineFixture.SeedServersAsync(db, 30);
        // No scheduler: the jobs stay as created, so the test sees exactly what the creates wrote.
        return (db, new JobsWebFactory(db, new Dictionary<string, string?> { ["Jobs:Scheduler:Enabled"] = "false" }));
    }

    private static HttpRequestMessage Create(JsonObject body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/jobs") { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task CreateJob_SameKeyInParallel_OneJobAndEveryAnswerNamesIt_Issue13(TestProvider provider)
    {
        var (db, app) = await StartAsync(provider);
        await using var _ = db;
        await using var __ = app;
        var clients = Enumerable.Range(0, Parallel).Select(_ => app.CreateClient()).ToList();
        var body = EngineFixture.Request("once only");
        var key = Guid.NewGuid().ToString();

        using var start = new Barrier(Parallel);
        var answers = await Task.WhenAll(clients.Select(c => Task.Run(async () =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            var response = await c.SendAsync(Create(body, key));
            return (response.StatusCode, Replayed: response.Headers.Contains("Idempotent-Replayed"), Body: await response.Content.ReadAsStringAsync());
        })));

        Assert.All(answers, a => Assert.True(a.StatusCode == HttpStatusCode.Created, $"{(int)a.StatusCode}: {a.Body}"));
        var ids = answers.Select(a => JsonDocument.Parse(a.Body).RootElement.GetProperty("id").GetInt64()).Distinct().ToList();
        var id = Assert.Single(ids);
        Assert.Equal(Parallel - 1, answers.Count(a => a.Replayed));
        await using var ctx = db.CreateContext();
        var job = await ctx.Jobs.AsNoTracking().SingleAsync();
        Assert.Equal(id, job.Id);
        Assert.Equal(key, job.IdempotencyKey);
        Assert.Equal(1, await ctx.AuditEntries.CountAsync(a => a.Action == "job.create"));
        Assert.Equal(job.TotalHosts, await ctx.HostTasks.CountAsync());

        // Later too (a retry after a lost answer): the same job, nothing new.
        var again = await clients[0].SendAsync(Create(body, key));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(id, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
        Assert.Equal(1, await ctx.Jobs.CountAsync());
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task CreateJob_SameKeyDifferentBody_Is422NamingTheJobAndCreatesNothing_Issue13(TestProvider provider)
    {
        var (db, app) = await StartAsync(provider);
        await using var _ = db;
        await using var __ = app;
        using var client = app.CreateClient();
        var key = "deploy-2026-12-01-order-api";
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Create(EngineFixture.Request("first"), key))).StatusCode);

        var response = await client.SendAsync(Create(EngineFixture.Request("second", batches: "10%,100%"), key));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Contains("Idempotency-Key 'deploy-2026-12-01-order-api' was already used to create job", problem.GetProperty("detail").GetString());
        Assert.True(problem.TryGetProperty("jobId", out var jobId), text);
        await using var ctx = db.CreateContext();
        Assert.Equal(jobId.GetInt64(), (await ctx.Jobs.SingleAsync()).Id);
        // Without a key every create is a new job, as before.
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Create(EngineFixture.Request("second"), null))).StatusCode);
        Assert.Equal(2, await ctx.Jobs.CountAsync());
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("tab\there")]
    public async Task CreateJob_UnusableKey_Is400NamingTheHeader_Issue13(string key)
    {
        var (db, app) = await StartAsync(TestProvider.Sqlite);
        await using var _ = db;
        await using var __ = app;
        using var client = app.CreateClient();
        var request = Create(EngineFixture.Request("bad key"), null);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("Idempotency-Key", out var messages), text);
        Assert.Contains("Idempotency-Key", messages[0].GetString());
        await using var ctx = db.CreateContext();
        Assert.Empty(ctx.Jobs);
    }

    [Fact]
    public async Task CreateJob_KeyLongerThan128_Is400_Issue13()
    {
        var (db, app) = await StartAsync(TestProvider.Sqlite);
        await using var _ = db;
        await using var __ = app;
        using var client = app.CreateClient();

        var response = await client.SendAsync(Create(EngineFixture.Request("long key"), new string('k', 129)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("longer than 128 characters", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task Wizard_CreateSubmittedTwiceAtOnce_MakesOneJob_Issue13(TestProvider provider)
    {
        var (db, app) = await StartAsync(provider);
        await using var _ = db;
        await using var __ = app;
        var clients = Enumerable.Range(0, 2)
            .Select(_ => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })).ToList();
        var review = await ReviewPageAsync(clients[0]);
        var form = (IHtmlFormElement)review.QuerySelector("form#wizard")!;
        var key = ((IHtmlInputElement)form.QuerySelector("input[name='IdempotencyKey']")!).Value;
        Assert.Equal(32, key.Length);

        // One browser (one anti-forgery cookie) sending Create several times at once: a double click, a resend.
        using var start = new Barrier(Parallel);
        var answers = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => Task.Run(async () =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            return await clients[0].SubmitAsync(form, new Dictionary<string, string> { ["nav"] = "create" });
        })));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        var location = Assert.Single(answers.Select(a => a.Headers.Location!.ToString()).Distinct());
        await using var ctx = db.CreateContext();
        var job = await ctx.Jobs.AsNoTracking().SingleAsync();
        Assert.Equal($"/jobs/{job.Id}", location);
        Assert.Equal(key, job.IdempotencyKey);

        // Back to Review from the dashboard's "run again" path gives a new key: a second, deliberate job is possible.
        var again = await ReviewPageAsync(clients[1]);
        Assert.NotEqual(key, ((IHtmlInputElement)again.QuerySelector("form#wizard input[name='IdempotencyKey']")!).Value);
    }

    private static async Task<IHtmlDocument> ReviewPageAsync(HttpClient client)
    {
        var page = await client.GetPageAsync("/jobs/new");
        foreach (var values in new Dictionary<string, string>[]
                 {
                     new() { ["Name"] = "wizard once", ["Filter"] = "env=prod" },
                     new() { ["Executor"] = "simulated", ["Parameters"] = """{"latencyMs": 5}""" },
                     new(),
                     new(),
                 })
        {
            values["nav"] = "next";
            var response = await client.SubmitAsync((IHtmlFormElement)page.QuerySelector("form#wizard")!, values);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            page = await HtmlForms.ParseAsync(response);
        }
        Assert.Equal("Review", page.QuerySelector("form#wizard")!.GetAttribute("data-step"));
        return page;
    }
}
