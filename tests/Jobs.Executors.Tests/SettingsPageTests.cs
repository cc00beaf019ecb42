using System.Net;
using AngleSharp.Html.Parser;
using Jobs.Executors.Tests.Fakes;
using Jobs.Executors.Tests.Infrastructure;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jobs.Executors.Tests;

/// <summary>Settings → Executors through the real app: listing, Test connection (anti-forgery, PRG), and no secret anywhere.</summary>
public sealed class SettingsPageTests : IAsyncLifetime
{
    private const string SaltPassword = "S3cr3t-Salt-Pa55!";
    private const string St2Key = "S3cr3t-St2-K3y!";
    private const string AgentToken = "S3cr3t-Ag3nt-T0k3n!";

    private readonly FakeSaltApi _salt = new() { Password = SaltPassword };
    private readonly FakeStackStorm _st2 = new(Contracts.StackStorm) { ApiKey = St2Key };
    private readonly FakeAgent _agent = new(Contracts.Agent) { Token = AgentToken };
    private readonly CapturingLoggerProvider _logs = new();
    private TestDatabase _database = null!;
    private WebApplicationFactory<Program> _app = null!;

    public async Task InitializeAsync()
    {
        await _salt.StartAsync();
        await _st2.StartAsync();
        await _agent.StartAsync();
        _database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        var settings = new Dictionary<string, string?>
        {
            ["Jobs:Executors:salt-sh:Type"] = "salt", ["Jobs:Executors:salt-sh:BaseUrl"] = _salt.BaseUrl.ToString(),
            ["Jobs:Executors:salt-sh:Username"] = "svc-jobs", ["Jobs:Executors:salt-sh:Password"] = SaltPassword,
            ["Jobs:Executors:st2:Type"] = "stackstorm", ["Jobs:Executors:st2:BaseUrl"] = _st2.BaseUrl.ToString(), ["Jobs:Executors:st2:ApiKey"] = St2Key,
            ["Jobs:Executors:agent:Type"] = "agent", ["Jobs:Executors:agent:BaseUrl"] = _agent.BaseUrl.ToString(),
            ["Jobs:Executors:agent:Token"] = AgentToken, ["Jobs:Executors:agent:VerifyTls"] = "false",
        };
        _app = new JobsWebFactory(_database, settings).WithWebHostBuilder(b => b.ConfigureServices(s =>
        {
            s.AddSingleton<ILoggerProvider>(_logs);
            s.Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Trace);
        }));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
        await _salt.DisposeAsync();
        await _st2.DisposeAsync();
        await _agent.DisposeAsync();
    }

    [Fact]
    public async Task Page_ListsEveryExecutorWithCredentialKindAndStackStormPauseNote()
    {
        var client = _app.CreateClient();

        var html = await client.GetStringAsync("/settings/executors");
        var doc = await new HtmlParser().ParseDocumentAsync(html);

        foreach (var name in new[] { "salt-sh", "st2", "agent", "simulated", "local" })
            Assert.NotNull(doc.QuerySelector($"[data-testid='executor-{name}']"));
        Assert.Equal("eauth pam as svc-jobs", doc.QuerySelector("[data-testid='credential-salt-sh']")!.TextContent.Trim());
        Assert.Equal("API key (St2-Api-Key)", doc.QuerySelector("[data-testid='credential-st2']")!.TextContent.Trim());
        Assert.Equal("bearer token", doc.QuerySelector("[data-testid='credential-agent']")!.TextContent.Trim());
        Assert.Contains("does not pause StackStorm executions already running", doc.QuerySelector("[data-testid='st2-pause-note']")!.TextContent);
        Assert.Contains("TLS not verified", doc.QuerySelector("[data-testid='executor-agent']")!.TextContent);
        Assert.Contains("simulation", doc.QuerySelector("[data-testid='executor-simulated']")!.TextContent);
    }

    [Theory]
    [InlineData("salt-sh", "Logged in as svc-jobs")]
    [InlineData("st2", "Authenticated with the API key")]
    [InlineData("agent", "Token accepted")]
    public async Task TestConnection_Healthy_RedirectsAndShowsSuccessWithElapsed(string name, string expected)
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await PostTestAsync(client, name);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/settings/executors#executor-{name}", response.Headers.Location!.ToString());
        var doc = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync("/settings/executors"));
        var result = doc.QuerySelector($"[data-testid='result-{name}']")!;
        Assert.Contains("Connected", result.TextContent);
        Assert.Contains(expected, result.TextContent);
        Assert.Matches(@"\(\d+ ms, ", result.TextContent);
        Assert.Contains("alert-success", result.ClassName);
    }

    [Fact]
    public async Task TestConnection_FakeKilled_ShowsConnectionRefused()
    {
        var client = _app.CreateClient();
        await _salt.StopAsync();

        var response = await PostTestAsync(client, "salt-sh");
        var doc = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

        var result = doc.QuerySelector("[data-testid='result-salt-sh']")!;
        Assert.Contains("Failed", result.TextContent);
        Assert.Contains("connection refused", result.TextContent);
    }

    [Fact]
    public async Task TestConnection_WithoutAntiforgeryToken_Rejected()
    {
        var client = _app.CreateClient();

        var response = await client.PostAsync("/settings/executors/salt-sh/test", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_salt.RequestsTo("POST", "/login"));
    }

    [Fact]
    public async Task Secrets_NeverInLogsPagesOrApi_AfterTestsAndWrongCredentials()
    {
        var client = _app.CreateClient();
        foreach (var name in new[] { "salt-sh", "st2", "agent" }) await PostTestAsync(client, name);
        // Now make every login fail so error paths are exercised too.
        _salt.Password = "other";
        _salt.DropSessions();
        _st2.ApiKey = "other";
        _agent.Token = "other";
        var failedPages = new List<string>();
        foreach (var name in new[] { "salt-sh", "st2", "agent" })
            failedPages.Add(await (await PostTestAsync(client, name)).Content.ReadAsStringAsync());

        var everything = string.Join("\n", failedPages) + await client.GetStringAsync("/settings/executors")
            + await client.GetStringAsync("/api/v1/jobs") + _logs.All + LogFiles();

        Assert.Contains("refused the bearer token", everything); // the failures did happen and were rendered
        Assert.Contains("rejected the login of user svc-jobs", everything);
        foreach (var secret in new[] { SaltPassword, St2Key, AgentToken })
            Assert.DoesNotContain(secret, everything);
        // The agent has VerifyTls=false on an http:// URL: no certificate is involved, so no warning (issue 11).
        Assert.DoesNotContain(_logs.Lines, l => l.Contains("VerifyTls=false"));
    }

    private string LogFiles()
    {
        var dir = Path.Combine(_database.Folder, "data", "logs");
        return Directory.Exists(dir) ? string.Join("\n", Directory.GetFiles(dir).Select(f =>
        {
            using var s = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(s).ReadToEnd();
        })) : "";
    }

    private static async Task<HttpResponseMessage> PostTestAsync(HttpClient client, string name)
    {
        var page = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync("/settings/executors"));
        var form = page.QuerySelector($"[data-testid='executor-{name}'] form")!;
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        return await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(
            [new KeyValuePair<string, string>("__RequestVerificationToken", token)]));
    }
}

/// <summary>Screenshots of Settings → Executors at 1366×768 and phone width, with one good and one failed test result.</summary>
public sealed class SettingsPageScreenshotTests
{
    [Fact]
    public async Task SettingsPage_DesktopAndPhone_ScreenshotsTaken()
    {
        await using var salt = new FakeSaltApi();
        await using var agent = new FakeAgent(Contracts.Agent);
        await using var st2 = new FakeStackStorm(Contracts.StackStorm);
        await salt.StartAsync();
        await agent.StartAsync();
        await st2.StartAsync();
        await using var database = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        await using var app = new JobsWebFactory(database, new Dictionary<string, string?>
        {
            ["Jobs:Executors:salt-sh:Type"] = "salt", ["Jobs:Executors:salt-sh:BaseUrl"] = salt.BaseUrl.ToString(),
            ["Jobs:Executors:salt-sh:Username"] = "svc-jobs", ["Jobs:Executors:salt-sh:Password"] = "salt-pass",
            ["Jobs:Executors:st2-prod:Type"] = "stackstorm", ["Jobs:Executors:st2-prod:BaseUrl"] = st2.BaseUrl.ToString(), ["Jobs:Executors:st2-prod:ApiKey"] = "st2-key",
            ["Jobs:Executors:agent-bj:Type"] = "agent", ["Jobs:Executors:agent-bj:BaseUrl"] = agent.BaseUrl.ToString(), ["Jobs:Executors:agent-bj:Token"] = "agent-token",
        });
        app.UseKestrel(0);
        app.StartServer();
        var client = app.CreateClient();
        var ok = await PostTestAsync(client, "salt-sh");
        await agent.StopAsync();
        var failed = await PostTestAsync(client, "agent-bj");
        Assert.Contains("Logged in as svc-jobs", ok);
        Assert.Contains("connection refused", failed);

        var dir = Path.Combine(Environment.GetEnvironmentVariable("JOBS_TEST_ARTIFACTS") ?? Path.Combine(Contracts.RepoRoot(), "artifacts"), "screenshots");
        Directory.CreateDirectory(dir);
        var shots = new[]
        {
            ("settings-executors-ok-1366.png", "1366,768", ok),
            ("settings-executors-failed-1366.png", "1366,768", failed),
            ("settings-executors-failed-phone.png", "390,1600", failed),
        };
        foreach (var (name, size, html) in shots)
        {
            var file = Path.Combine(dir, Path.ChangeExtension(name, ".html"));
            await File.WriteAllTextAsync(file, html.Replace("<head>", $"<head><base href=\"{client.BaseAddress}\">"));
            var png = Path.Combine(dir, name);
            File.Delete(png);
            using var chromium = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/usr/bin/chromium",
                $"--headless --no-sandbox --disable-gpu --hide-scrollbars --disable-background-networking --no-first-run --window-size={size} --screenshot={png} file://{file}")
            { RedirectStandardError = true, RedirectStandardOutput = true })!;
            await chromium.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
            Assert.True(new FileInfo(png).Length > 10_000, $"{png} was not written");
        }
    }

    /// <summary>Clicks Test connection; returns the page the redirect lands on (with the outcome).</summary>
    private static async Task<string> PostTestAsync(HttpClient client, string name)
    {
        var page = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync("/settings/executors"));
        var form = page.QuerySelector($"[data-testid='executor-{name}'] form")!;
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var response = await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(
            [new KeyValuePair<string, string>("__RequestVerificationToken", token)]));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }
}
