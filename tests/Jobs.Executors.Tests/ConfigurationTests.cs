using Jobs.Core.Execution;
using Jobs.Executors.Configuration;
using Jobs.Executors.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Jobs.Executors.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public void Options_SeveralInstancesOfOneType_AllRegisteredByName()
    {
        using var h = ExecutorHarness.Create(new Dictionary<string, string?>
        {
            ["Jobs:Executors:salt-sh:Type"] = "salt", ["Jobs:Executors:salt-sh:BaseUrl"] = "http://127.0.0.1:8000",
            ["Jobs:Executors:salt-sh:Username"] = "u", ["Jobs:Executors:salt-sh:Password"] = "p",
            ["Jobs:Executors:salt-bj:Type"] = "salt", ["Jobs:Executors:salt-bj:BaseUrl"] = "http://127.0.0.1:8001",
            ["Jobs:Executors:salt-bj:Username"] = "u", ["Jobs:Executors:salt-bj:Password"] = "p",
            ["Jobs:Executors:st2:Type"] = "stackstorm", ["Jobs:Executors:st2:BaseUrl"] = "https://127.0.0.1/", ["Jobs:Executors:st2:ApiKey"] = "k",
            ["Jobs:Executors:agent:Type"] = "agent", ["Jobs:Executors:agent:BaseUrl"] = "http://localhost:9000", ["Jobs:Executors:agent:Token"] = "t",
            ["Jobs:Executors:sim:Type"] = "simulated",
        }).AsSync();
        var registry = h.Services.GetRequiredService<IExecutorRegistry>();

        Assert.Equal(["agent", "salt-bj", "salt-sh", "st2"], registry.All.Where(d => d.Type is "salt" or "stackstorm" or "agent").Select(d => d.Name).Order());
        Assert.Equal("salt", registry.Find("SALT-BJ")!.Descriptor.Type);
        Assert.Equal("http://127.0.0.1:8001/", registry.Find("salt-bj")!.Descriptor.Endpoint);
    }

    [Theory]
    [InlineData("Type", "saltstack", "Jobs:Executors:x:Type must be one of salt, stackstorm, agent, local, simulated")]
    [InlineData("BaseUrl", "salt-master:8000", "Jobs:Executors:x:BaseUrl must be an absolute http(s) URL")]
    [InlineData("BaseUrl", "ftp://127.0.0.1/", "Jobs:Executors:x:BaseUrl must be an absolute http(s) URL")]
    [InlineData("Password", "", "Jobs:Executors:x:Password is required for a salt executor")]
    [InlineData("TimeoutSeconds", "0", "Jobs:Executors:x:TimeoutSeconds must be between 1 and 300")]
    public void Options_BadKey_StartFailsNamingTheKey(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Jobs:Executors:x:Type"] = "salt", ["Jobs:Executors:x:BaseUrl"] = "http://127.0.0.1:8000",
            ["Jobs:Executors:x:Username"] = "u", ["Jobs:Executors:x:Password"] = "p",
        };
        settings["Jobs:Executors:x:" + key] = value;

        var ex = Assert.Throws<OptionsValidationException>(() => ExecutorHarness.Create(settings));

        Assert.Contains(ex.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Options_StackStormWithoutCredentials_Fails()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => ExecutorHarness.Create(new Dictionary<string, string?>
        {
            ["Jobs:Executors:st2:Type"] = "stackstorm", ["Jobs:Executors:st2:BaseUrl"] = "http://127.0.0.1/", ["Jobs:Executors:st2:Username"] = "u",
        }));

        Assert.Contains("Jobs:Executors:st2:ApiKey (or Username and Password) is required for a stackstorm executor", ex.Failures);
    }

    [Fact]
    public async Task StartupCheck_VerifyTlsOff_LoudWarningWithoutSecrets()
    {
        await using var h = ExecutorHarness.Create(new Dictionary<string, string?>
        {
            ["Jobs:Executors:agent:Type"] = "agent", ["Jobs:Executors:agent:BaseUrl"] = "https://127.0.0.1:9443/",
            ["Jobs:Executors:agent:Token"] = "T0ken-Secret-42", ["Jobs:Executors:agent:VerifyTls"] = "false",
        });
        foreach (var s in h.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>()) await s.StartAsync(CancellationToken.None);

        Assert.Contains(h.Logs.Lines, l => l.StartsWith("Warning") && l.Contains("VerifyTls=false") && l.Contains("agent"));
        Assert.DoesNotContain("T0ken-Secret-42", h.Logs.All);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9000/", false)]
    [InlineData("https://127.0.0.1:9443/", true)]
    public async Task StartupCheck_VerifyTlsOffIssue11_WarnsOnlyWhereTlsIsUsed(string baseUrl, bool warns)
    {
        await using var h = ExecutorHarness.Create(new Dictionary<string, string?>
        {
            ["Jobs:Executors:agent:Type"] = "agent", ["Jobs:Executors:agent:BaseUrl"] = baseUrl,
            ["Jobs:Executors:agent:Token"] = "t", ["Jobs:Executors:agent:VerifyTls"] = "false",
        });
        foreach (var s in h.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>()) await s.StartAsync(CancellationToken.None);

        Assert.Equal(warns, h.Logs.Lines.Any(l => l.Contains("VerifyTls=false")));
    }

    [Fact]
    public void ExecutorKinds_EveryConfiguredTypeHasOneEntry_UnknownTypeNamesTheKnownOnes()
    {
        var kinds = new ExecutorKinds(ExecutorKindTable.Remote);

        Assert.Equal(["agent", "salt", "stackstorm"], kinds.Names.Order());
        Assert.Throws<InvalidOperationException>(() => new ExecutorKinds([.. ExecutorKindTable.Remote, ExecutorKindTable.Remote[0]]));
    }

    [Fact]
    public void CredentialKind_NeverContainsTheSecret()
    {
        var o = new RemoteExecutorOptions { Type = "stackstorm", Username = "bob", Password = "pw-123", ApiKey = "key-456" };

        Assert.Equal("API key (St2-Api-Key)", new ExecutorKinds(ExecutorKindTable.Remote).DescribeCredentials(o));
        Assert.DoesNotContain("key-456", o.ToString());
        Assert.DoesNotContain("pw-123", o.ToString());
    }
}

internal static class HarnessExtensions
{
    /// <summary>Lets a test use <c>using var</c> on the async-disposable harness.</summary>
    public static SyncHarness AsSync(this ExecutorHarness h) => new(h);

    internal sealed class SyncHarness(ExecutorHarness h) : IDisposable
    {
        public IServiceProvider Services => h.Services;

        public void Dispose() => h.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
