using System.Net;
using System.Text.Json;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;

namespace Jobs.Web.Tests.Api;

/// <summary>Issue 9, "expected and missing": the JSON API describes itself, with examples.</summary>
public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private JobsWebFactory _app = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        _app = new JobsWebFactory(_db, new Dictionary<string, string?> { ["Jobs:Scheduler:Enabled"] = "false" });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task OpenApiDocument_EveryApiRoute_WithRequestAndResponseExamples_Issue9()
    {
        using var client = _app.CreateClient();
        var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var paths = doc.GetProperty("paths");

        foreach (var path in new[] { "/api/v1/jobs", "/api/v1/jobs/preview", "/api/v1/jobs/{id}", "/api/v1/jobs/{id}/hosts",
                     "/api/v1/jobs/{id}/{control}", "/api/v1/servers", "/api/v1/servers/import" })
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not described");
        Assert.DoesNotContain(paths.EnumerateObject(), p => !p.Name.StartsWith("/api/", StringComparison.Ordinal));

        var create = paths.GetProperty("/api/v1/jobs").GetProperty("post");
        var request = create.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal("simulated", request.GetProperty("executor").GetString());
        var responses = create.GetProperty("responses");
        Assert.False(responses.TryGetProperty("200", out _), "create answers 201, not 200");
        Assert.Equal(42, responses.GetProperty("201").GetProperty("content").GetProperty("application/json").GetProperty("example").GetProperty("id").GetInt32());
        Assert.True(responses.GetProperty("400").GetProperty("content").EnumerateObject().First().Value.GetProperty("example")
            .GetProperty("errors").TryGetProperty("parallelism", out _));
        var pause = paths.GetProperty("/api/v1/jobs/{id}/{control}").GetProperty("post").GetProperty("responses");
        Assert.True(pause.TryGetProperty("409", out _));
        var import = paths.GetProperty("/api/v1/servers/import").GetProperty("post").GetProperty("requestBody").GetProperty("content");
        Assert.StartsWith("hostname,ip", import.GetProperty("text/csv").GetProperty("example").GetString());
    }

    [Fact]
    public async Task ApiReference_ServesItsScriptFromThisServer_Issue9()
    {
        using var client = _app.CreateClient();
        var html = await client.GetStringAsync("/api/docs/");
        Assert.Contains("<script src=\"scalar.js\"></script>", html);
        Assert.DoesNotContain("cdn.", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"withDefaultFonts\":false", html);
        // Inline script and styles are allowed on the reference page only; every other page keeps the strict policy.
        var docs = await client.GetAsync("/api/docs/");
        Assert.Contains("'unsafe-inline'", docs.Headers.GetValues("Content-Security-Policy").Single());
        var jobs = await client.GetAsync("/jobs");
        Assert.DoesNotContain("unsafe-inline", jobs.Headers.GetValues("Content-Security-Policy").Single());
        var script = await client.GetAsync("/api/docs/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 1_000_000, "the standalone bundle is served locally");
    }
}
