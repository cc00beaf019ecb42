using Jobs.Executors.Simulated;
using Jobs.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Jobs.Web.Tests.Infrastructure;

/// <summary>
/// The real app on a real database (a SQLite file or a PostgreSQL database from <see cref="TestDatabase"/>).
/// Extra configuration (e.g. <c>Jobs:Demo:SeedServers</c>) goes in <paramref name="settings"/>.
/// Clients from <see cref="WebApplicationFactory{T}.CreateClient()"/> act as the bootstrap admin through its API key
/// (pages and API alike); <see cref="CreateAnonymousClient"/> sends no credentials.
/// </summary>
public sealed class JobsWebFactory(TestDatabase database, IDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public TestDatabase Database { get; } = database;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = Database.ProviderName,
            ["ConnectionStrings:Jobs"] = Database.ConnectionString,
            ["Jobs:DataPath"] = Path.Combine(Database.Folder, "data"),
            ["Jobs:Demo:SeedServers"] = "0",
            // The command-line provider the factory feeds host settings through turns "Serilog:MinimumLevel:Default" into an
            // empty "Serilog:MinimumLevel" value, which Serilog rejects; the short form sets the same default level.
            ["Serilog:MinimumLevel"] = "Warning",
        };
        foreach (var (k, v) in TestSecurity.Settings) values[k] = v;
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) values[k] = v;
        // Host configuration is read before Program's builder runs, so it wins over appsettings.json.
        foreach (var (k, v) in values) builder.UseSetting(k, v);
        builder.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(values));
        // Engine tests prove no host starts twice from the simulator's start counts, which only tests keep.
        builder.ConfigureServices(s => s.AddSingleton<SimulatedStartCounter>());
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add(TestSecurity.ApiKeyHeader, TestSecurity.AdminApiKey);
    }

    /// <summary>A client with no API key and no cookie (it keeps cookies it is given, e.g. by signing in).</summary>
    public HttpClient CreateAnonymousClient()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Remove(TestSecurity.ApiKeyHeader);
        return client;
    }
}
