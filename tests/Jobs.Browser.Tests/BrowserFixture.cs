using Jobs.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Jobs.Browser.Tests;

/// <summary>
/// The real app on Kestrel at 127.0.0.1 (a random port) over a fresh SQLite file with 300 demo servers and a fast
/// scheduler tick, and Debian's Chromium driven by Playwright (no browser download).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private TestDatabase _db = null!;
    private AppFactory _app = null!;
    private IPlaywright _playwright = null!;

    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public TestDatabase Database => _db;
    public HttpClient Api { get; private set; } = null!;

    /// <summary><c>$JOBS_TEST_ARTIFACTS/screenshots</c> (set by test.sh), else a temp folder.</summary>
    public string Screenshots { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("JOBS_TEST_ARTIFACTS") is { Length: > 0 } a ? a : Path.Combine(Path.GetTempPath(), "jobs-artifacts"),
        "screenshots");

    /// <summary>A NetBox on 127.0.0.1 configured as the inventory source <c>netbox-lab</c> (issue 15).</summary>
    public FakeNetBox NetBox { get; } = FakeNetBox.WithDevices(40);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Screenshots);
        await NetBox.StartAsync();
        _db = await TestDatabase.CreateAsync(TestProvider.Sqlite);
        _app = new AppFactory(_db, new Dictionary<string, string?>
        {
            ["Jobs:Demo:SeedServers"] = "300",
            ["Jobs:Scheduler:TickMilliseconds"] = "100",
            ["Jobs:Scheduler:SystemRetrySeconds"] = "1",
            ["Jobs:Scheduler:ReconcileSeconds"] = "2",
            ["Jobs:Inventory:Sources:netbox-lab:Type"] = "netbox",
            ["Jobs:Inventory:Sources:netbox-lab:BaseUrl"] = NetBox.BaseUrl.ToString(),
            ["Jobs:Inventory:Sources:netbox-lab:Token"] = "Bearer " + FakeNetBox.ValidToken,
            ["Jobs:Inventory:Sources:netbox-lab:Filter"] = "role=server",
            ["Jobs:Inventory:Sources:netbox-lab:Schedule"] = "0 */6 * * *",
        });
        _app.UseKestrel(0);
        _app.StartServer();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::1]", "127.0.0.1").Replace("localhost", "127.0.0.1"));
        Api = new HttpClient { BaseAddress = BaseAddress };
        Api.DefaultRequestHeaders.Add(TestSecurity.ApiKeyHeader, TestSecurity.AdminApiKey);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A new browser page signed in as <paramref name="user"/> through the login form (null: not signed in).</summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 768, string? user = TestSecurity.AdminUser, string password = TestSecurity.AdminPassword)
    {
        var page = await NewAnonymousPageAsync(width, height);
        if (user is not null) await SignInAsync(page, user, password);
        return page;
    }

    public static async Task SignInAsync(IPage page, string user, string password)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("#UserName", user);
        await page.FillAsync("#Password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        if (await page.QuerySelectorAsync("[data-testid=signed-in-as]") is null)
            throw new InvalidOperationException($"Signing in as {user} failed at {page.Url}: {await page.InnerTextAsync("main")}");
    }

    public async Task<IPage> NewAnonymousPageAsync(int width = 1366, int height = 768)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
            TimezoneId = "Asia/Shanghai",
            Locale = "en-US",
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        // Issue 8: the Content-Security-Policy allows no inline script or style; whatever it blocks fails the next screenshot.
        var blocked = _blocked.GetOrCreateValue(page);
        page.Console += (_, m) => { if (m.Type == "error" && m.Text.Contains("Content Security Policy")) lock (blocked) blocked.Add(m.Text); };
        return page;
    }

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, List<string>> _blocked = new();

    public async Task ScreenshotAsync(IPage page, string name)
    {
        // Fonts and charts settle after load; wait for the network to go quiet instead of sleeping.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
        if (_blocked.TryGetValue(page, out var blocked) && blocked.Count > 0)
            throw new InvalidOperationException($"{page.Url}: the browser blocked {string.Join(" | ", blocked)}");
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        if (_db is not null) await _db.DisposeAsync();
        await NetBox.DisposeAsync();
    }

    private sealed class AppFactory(TestDatabase database, IDictionary<string, string?> settings)
        : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            var values = new Dictionary<string, string?>
            {
                ["Database:Provider"] = database.ProviderName,
                ["ConnectionStrings:Jobs"] = database.ConnectionString,
                ["Jobs:DataPath"] = Path.Combine(database.Folder, "data"),
            };
            foreach (var (k, v) in TestSecurity.Settings) values[k] = v;
            foreach (var (k, v) in settings) values[k] = v;
            foreach (var (k, v) in values) builder.UseSetting(k, v);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
