using Jobs.Testing;
using Jobs.Web.Infrastructure;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Serilog.Events;

namespace Jobs.Web.Tests.Logging;

/// <summary>Issues 9 and 11: Serilog's request logging writes one line per request, and not for the dashboard's polling.</summary>
public sealed class RequestLogTests
{
    [Fact]
    public async Task RequestLog_PagesAndPolling_OneLinePerRequestPollingNotAtInformation()
    {
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        var logFolder = Path.Combine(database.Folder, "request-logs");
        await using var factory = new JobsWebFactory(database, new Dictionary<string, string?> { ["Serilog:MinimumLevel"] = "Information" });
        // The file sink of appsettings.json (WriteTo:1), pointed at this test's own folder. Added as app configuration, not as
        // a host setting: the host-setting route turns "WriteTo:1:Args:path" into an empty "WriteTo:1" value Serilog rejects.
        await using (var app = factory.WithWebHostBuilder(b => b.ConfigureAppConfiguration(c => c.AddInMemoryCollection(
                         new Dictionary<string, string?> { ["Serilog:WriteTo:1:Args:path"] = Path.Combine(logFolder, "jobs-.log") }))))
        {
            var client = app.CreateClient();
            // The derived factory does not run JobsWebFactory.ConfigureClient: sign in with the admin's API key here.
            if (!client.DefaultRequestHeaders.Contains(TestSecurity.ApiKeyHeader))
                client.DefaultRequestHeaders.Add(TestSecurity.ApiKeyHeader, TestSecurity.AdminApiKey);
            // /nope: an unknown path, whatever status the app gives it (an error page is re-executed inside the logged request).
            foreach (var url in new[] { "/", "/servers", "/nope", "/healthz", "/healthz", "/jobs/424242/live", "/jobs/424242/live" })
                await client.GetAsync(url);
        }

        var lines = ReadShared(Directory.GetFiles(logFolder).Single()).Where(l => l.Contains(" HTTP GET ", StringComparison.Ordinal)).ToList();

        Assert.True(lines.Count == 3, string.Join("\n", lines));
        foreach (var expected in new[] { "HTTP GET / responded 200 in ", "HTTP GET /servers responded 200 in ", "HTTP GET /nope responded " })
            Assert.True(lines.Count(l => l.Contains(expected, StringComparison.Ordinal)) == 1, $"one \"{expected}\" line expected in:\n{string.Join("\n", lines)}");
        Assert.All(lines, l => Assert.Contains("[INF]", l));
        Assert.All(lines, l => Assert.Matches(@"in \d+\.\d ms$", l));
    }

    [Theory]
    [InlineData("/jobs/7/live", 200, LogEventLevel.Debug)]
    [InlineData("/healthz", 200, LogEventLevel.Debug)]
    [InlineData("/jobs/7", 200, LogEventLevel.Information)]
    [InlineData("/api/v1/jobs/7", 200, LogEventLevel.Information)]
    [InlineData("/jobs/7/live", 500, LogEventLevel.Error)]
    public void Level_ByPathAndStatus_PollingAtDebugFailuresAtError(string path, int status, LogEventLevel expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Response.StatusCode = status;

        Assert.Equal(expected, JobsLogging.Level(context, 1.0, null));
    }

    private static List<string> ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) lines.Add(line);
        return lines;
    }
}
