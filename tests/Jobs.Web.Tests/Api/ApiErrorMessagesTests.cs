using System.Net;
using System.Text;
using System.Text.Json;
using Jobs.Testing;
using Jobs.Web.Tests.Engine;
using Jobs.Web.Tests.Infrastructure;

namespace Jobs.Web.Tests.Api;

/// <summary>Issue 9: API errors name the field and what it expects, in the user's words, and unknown fields are refused.</summary>
public sealed class ApiErrorMessagesTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private JobsWebFactory _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await EngineFixture.SeedServersAsync(_db, 20);
        _app = new JobsWebFactory(_db);
        _client = _app.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        await _db.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, JsonElement Errors, string Body)> PostAsync(string url, string json)
    {
        var response = await _client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        var errors = JsonDocument.Parse(body).RootElement.TryGetProperty("errors", out var e) ? e : default;
        return (response.StatusCode, errors, body);
    }

    private static void AssertNoDotNetWords(string body)
    {
        foreach (var word in new[] { "System.", "Nullable", "Jobs.Core", "reader options", "LineNumber", "BytePositionInLine", "request field is required" })
            Assert.DoesNotContain(word, body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CreateJob_ParallelismAsText_NamesTheFieldAndExpectsAWholeNumber_Issue9()
    {
        var (status, errors, body) = await PostAsync("/api/v1/jobs", """{"name":"x","filter":"env=prod","executor":"simulated","parallelism":"four"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var message = Assert.Single(errors.GetProperty("parallelism").EnumerateArray()).GetString();
        Assert.Equal("'parallelism' must be a whole number, e.g. 20.", message);
        Assert.Single(errors.EnumerateObject());
        AssertNoDotNetWords(body);
    }

    [Fact]
    public async Task CreateJob_UnknownOnGateFailure_ListsTheAllowedValues_Issue9()
    {
        var (status, errors, body) = await PostAsync("/api/v1/jobs", """{"name":"x","filter":"env=prod","executor":"simulated","onGateFailure":"stop"}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var message = errors.GetProperty("onGateFailure")[0].GetString()!;
        Assert.Contains("\"Pause\"", message);
        Assert.Contains("\"Abort\"", message);
        AssertNoDotNetWords(body);
    }

    [Fact]
    public async Task CreateJob_NestedGateOfWrongType_IsKeyedByItsPath_Issue9()
    {
        var (status, errors, body) = await PostAsync("/api/v1/jobs", """{"name":"x","gates":{"maxFailurePercent":"ten"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("'gates.maxFailurePercent' must be a number, e.g. 10 or 2.5.", errors.GetProperty("gates.maxFailurePercent")[0].GetString());
        AssertNoDotNetWords(body);
    }

    [Fact]
    public async Task CreateJob_MisspeltField_IsRejectedAndTheRightNameSuggested_Issue9()
    {
        var (status, errors, body) = await PostAsync("/api/v1/jobs",
            """{"name":"x","filter":"env=prod","executor":"simulated","parameters":{"latencyMs":1},"paralelism": 4}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var message = errors.GetProperty("paralelism")[0].GetString()!;
        Assert.Contains("'paralelism' is not a field", message);
        Assert.Contains("Did you mean 'parallelism'?", message);
        AssertNoDotNetWords(body);
        using var db = _db.CreateContext();
        Assert.Empty(db.Jobs);
    }

    [Fact]
    public async Task CreateJob_BrokenJson_GivesLineAndColumnFromOne_Issue9()
    {
        var (status, errors, body) = await PostAsync("/api/v1/jobs/preview", "{\n  \"name\": \"x\",\n  \"parallelism\": four\n}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var message = errors.GetProperty("")[0].GetString()!;
        // The reader stops at the first character that cannot continue "f…" (the 'o' of four).
        Assert.True(message.StartsWith("Not valid JSON at line 3, column 19:", StringComparison.Ordinal), message);
        AssertNoDotNetWords(body);
    }

    [Fact]
    public async Task ListJobs_UnknownStatus_ListsTheAllowedStatuses_Issue9()
    {
        var response = await _client.GetAsync("/api/v1/jobs?status=bogus");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = JsonDocument.Parse(body).RootElement.GetProperty("errors").GetProperty("status")[0].GetString()!;
        Assert.Contains("'bogus'", message);
        Assert.Contains("\"AwaitingApproval\"", message);
        AssertNoDotNetWords(body);
    }
}
