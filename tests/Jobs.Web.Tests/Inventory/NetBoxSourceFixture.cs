using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Jobs.Testing;
using Jobs.Web.Tests.Infrastructure;

namespace Jobs.Web.Tests.Inventory;

/// <summary>The app on a real database with one NetBox source <c>netbox-dc</c> pointing at a <see cref="FakeNetBox"/>.</summary>
public sealed class NetBoxSourceFixture : IAsyncDisposable
{
    public const string Source = "netbox-dc";

    private NetBoxSourceFixture(TestDatabase db, FakeNetBox netBox, JobsWebFactory app) => (Database, NetBox, App) = (db, netBox, app);

    public TestDatabase Database { get; }
    public FakeNetBox NetBox { get; }
    public JobsWebFactory App { get; }

    /// <summary>Starts the fake with <paramref name="devices"/> devices and the app with the source configured.</summary>
    public static async Task<NetBoxSourceFixture> StartAsync(int devices, TestProvider provider = TestProvider.Sqlite, string? token = null,
        string? baseUrl = null, IDictionary<string, string?>? extra = null)
    {
        var netBox = FakeNetBox.WithDevices(devices);
        await netBox.StartAsync();
        var db = await TestDatabase.CreateAsync(provider);
        var settings = new Dictionary<string, string?>
        {
            [$"Jobs:Inventory:Sources:{Source}:Type"] = "netbox",
            [$"Jobs:Inventory:Sources:{Source}:BaseUrl"] = baseUrl ?? netBox.BaseUrl.ToString(),
            [$"Jobs:Inventory:Sources:{Source}:Token"] = token ?? "Bearer " + FakeNetBox.ValidToken,
            [$"Jobs:Inventory:Sources:{Source}:Filter"] = "role=server&tag=linux",
            [$"Jobs:Inventory:Sources:{Source}:TimeoutSeconds"] = "10",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) settings[k] = v;
        return new NetBoxSourceFixture(db, netBox, new JobsWebFactory(db, settings));
    }

    /// <summary>POST …/sync; returns the status and the report (the body, or the problem's <c>report</c>).</summary>
    public async Task<(int Status, JsonObject Body)> SyncAsync(bool dryRun = false, bool confirm = false, HttpClient? client = null)
    {
        var response = await (client ?? App.CreateClient()).PostAsync(
            $"/api/v1/inventory/sources/{Source}/sync?dryRun={dryRun.ToString().ToLowerInvariant()}&confirm={confirm.ToString().ToLowerInvariant()}", null);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return ((int)response.StatusCode, body["report"] as JsonObject ?? body);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await NetBox.DisposeAsync();
        await Database.DisposeAsync();
    }
}
