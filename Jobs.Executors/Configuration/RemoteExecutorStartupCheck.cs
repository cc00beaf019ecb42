using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Jobs.Executors.Configuration;

/// <summary>Says loudly at every start which executors do not verify TLS certificates, and lists the configured ones.</summary>
internal sealed partial class RemoteExecutorStartupCheck(
    IOptions<RemoteExecutorsOptions> options, ExecutorKinds kinds, ILogger<RemoteExecutorStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (name, o) in options.Value.Instances)
        {
            LogConfigured(logger, name, o.Type, o.BaseUrl, kinds.DescribeCredentials(o));
            // Only an https URL involves a certificate; VerifyTls=false on plain http changes nothing (issue 11).
            foreach (var url in new[] { o.BaseUrl, o.AuthUrl })
            {
                if (!o.VerifyTls && IsHttps(url)) LogTlsOff(logger, name, url!);
            }
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static bool IsHttps(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme == Uri.UriSchemeHttps;

    [LoggerMessage(EventId = 5010, Level = LogLevel.Information, Message = "Executor {Executor}: {Type} at {BaseUrl}, credentials: {CredentialKind}")]
    private static partial void LogConfigured(ILogger logger, string executor, string type, string baseUrl, string credentialKind);

    [LoggerMessage(EventId = 5011, Level = LogLevel.Warning,
        Message = "SECURITY WARNING: executor {Executor} ({BaseUrl}) has VerifyTls=false — TLS certificates are NOT verified, so anyone on the path can impersonate the API and capture its credentials. Use only for a test system.")]
    private static partial void LogTlsOff(ILogger logger, string executor, string baseUrl);
}
