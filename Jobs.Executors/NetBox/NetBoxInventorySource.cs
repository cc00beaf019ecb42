using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Jobs.Core.Inventory.Sources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Polly.Timeout;
using Refit;

namespace Jobs.Executors.NetBox;

/// <summary>
/// A NetBox inventory source: pages through <c>GET /api/dcim/devices/</c> with the source's filter, following <c>next</c>
/// until it is null (NetBox clamps <c>limit</c> silently, so pages are never computed from it), full objects
/// (<c>brief</c> off) without the config context. Every failure becomes an <see cref="InventorySourceException"/> that says
/// what to fix.
/// </summary>
internal sealed partial class NetBoxInventorySource(string name, InventorySourceOptions options, IServiceProvider services,
    ILogger<NetBoxInventorySource> logger) : IInventorySource
{
    public string Name { get; } = name;
    public InventorySourceOptions Options { get; } = options;
    public string Describe => $"NetBox at {Options.BaseUrl}";

    public async IAsyncEnumerable<JsonElement> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var api = services.GetRequiredKeyedService<INetBoxApi>(Name);
        var filter = NetBoxFilter.Parse(Options.Filter);
        var (limit, offset, returned) = (Options.PageSize, 0, 0);
        int? count = null;
        var seen = new HashSet<long>();
        for (var pages = 1; ; pages++)
        {
            var page = await GetPageAsync(api, filter, limit, offset, cancellationToken);
            count ??= page.Count ?? -1;
            foreach (var device in page.Results.EnumerateArray())
            {
                // Offset pages over a table that changes can repeat a row; the id says so.
                if (device.ValueKind == JsonValueKind.Object && device.TryGetProperty("id", out var id) && id.TryGetInt64(out var n) && !seen.Add(n)) continue;
                returned++;
                yield return device;
            }
            if (page.Next is null) break;
            var (nextLimit, nextOffset) = NextPage(page.Next);
            if (nextOffset <= offset) throw Fail($"its next page ({page.Next}) does not move forward from offset {offset}");
            (limit, offset) = (nextLimit, nextOffset);
            LogPage(logger, Name, pages, returned);
        }
        if (count is { } expected && expected >= 0 && expected != returned)
            throw Fail($"it reported {expected:N0} devices but returned {returned:N0} (the list changed while it was read?); nothing was changed, run the sync again");
    }

    private async Task<NetBoxPage> GetPageAsync(INetBoxApi api, NetBoxFilter filter, int limit, int offset, CancellationToken ct)
    {
        IApiResponse<NetBoxPage> response;
        try
        {
            response = await api.ListDevicesAsync(filter, limit, offset, "config_context", ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or OperationCanceledException or IOException)
        {
            throw new InventorySourceException($"{Describe} is unreachable: {Reason(ex)}.", ex);
        }
        using (response)
        {
            if (response.HasRequestError(out var requestError) || response.StatusCode is null)
            {
                var cause = requestError?.InnerException ?? requestError ?? (Exception?)response.Error;
                throw new InventorySourceException($"{Describe} is unreachable: {(cause is null ? "no response" : Reason(cause))}.", cause);
            }
            var status = (int)response.StatusCode.Value;
            if (status is >= 300 and < 400)
                throw Fail($"it answered HTTP {status} redirecting to {response.Headers?.Location}; check {Key}:BaseUrl (https? a path prefix?)");
            if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized)
                throw Fail($"it refused the token (HTTP {status}: {Detail((response.Error as ApiException)?.Content)}); check {Key}:Token");
            if (!response.IsSuccessStatusCode)
                throw Fail($"it answered HTTP {status} {response.ReasonPhrase}: {Detail((response.Error as ApiException)?.Content)}");
            if (response.Error is not null || response.Content?.Results.ValueKind != JsonValueKind.Array)
                throw Fail("its answer is not a NetBox device list (is BaseUrl the NetBox root?)");
            return response.Content!;
        }
    }

    private string Key => InventorySourcesOptions.Key(Name);

    private InventorySourceException Fail(string what) => new($"{Describe} could not be read: {what}.");

    /// <summary>NetBox errors are <c>{"detail": "…"}</c>; anything else is shown shortened.</summary>
    private static string Detail(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return "no details";
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String)
                return d.GetString()!;
        }
        catch (JsonException)
        {
            // not JSON: fall through to the snippet
        }
        var text = body.ReplaceLineEndings(" ").Trim();
        return text.Length <= 200 ? text : text[..200] + "…";
    }

    private string Reason(Exception ex) => ex switch
    {
        TimeoutRejectedException or OperationCanceledException => $"no response within {Options.TimeoutSeconds} s",
        HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } } => "connection refused",
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => "host name not found",
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => "TLS handshake failed (is the certificate trusted? see VerifyTls)",
        _ => ex.Message,
    };

    /// <summary>The limit and offset of NetBox's <c>next</c> URL: the server's own paging, whatever it clamped.</summary>
    private (int Limit, int Offset) NextPage(string next)
    {
        if (!Uri.TryCreate(next, UriKind.Absolute, out var uri)) throw Fail($"its next page link '{next}' is not a URL");
        var query = QueryString.Pairs(uri.Query);
        string? Get(string name) => query.LastOrDefault(p => p.Key == name).Value;
        if (!int.TryParse(Get("offset"), out var offset))
            throw Fail($"its next page link '{next}' has no offset (cursor paging is not used by JOBS)");
        var limit = int.TryParse(Get("limit"), out var n) ? n : Options.PageSize;
        return (limit, offset);
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Debug, Message = "Inventory source {Source}: page {Page} read, {Devices} devices so far")]
    private static partial void LogPage(ILogger logger, string source, int page, int devices);
}
