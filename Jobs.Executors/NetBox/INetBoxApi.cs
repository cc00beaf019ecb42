using System.Text.Json;
using System.Text.Json.Serialization;
using Refit;

namespace Jobs.Executors.NetBox;

/// <summary>
/// The part of the NetBox REST API JOBS reads (shared/contracts/NETBOX.md): the device list, offset-paged. The trailing
/// slash matters — without it NetBox answers 302. The Authorization header (the whole configured value) is set on the client.
/// </summary>
public interface INetBoxApi
{
    /// <param name="filter">The source's filter; a name may repeat (<c>tag=a&amp;tag=b</c>), so each name carries its values.</param>
    /// <param name="exclude"><c>config_context</c>: the rendered config context is large and JOBS does not read it.</param>
    [Get("/api/dcim/devices/")]
    Task<IApiResponse<NetBoxPage>> ListDevicesAsync(
        [QueryConverter(typeof(NetBoxFilterConverter))] NetBoxFilter filter,
        int limit,
        int offset,
        string exclude,
        CancellationToken cancellationToken);
}

/// <summary>NetBox's list envelope. <see cref="Next"/> is the absolute URL of the next page, null on the last one.</summary>
public sealed class NetBoxPage
{
    [JsonPropertyName("count")]
    public int? Count { get; set; }

    [JsonPropertyName("next")]
    public string? Next { get; set; }

    [JsonPropertyName("previous")]
    public string? Previous { get; set; }

    /// <summary>
    /// The devices, as one JSON array: the field mapping is configurable, so they are read by path, not by a fixed model;
    /// one element for the whole page (rather than a list of elements) keeps one parsed document per page.
    /// </summary>
    [JsonPropertyName("results")]
    public JsonElement Results { get; set; }
}

/// <summary>The source's filter as ordered name/value pairs: a name may repeat (<c>tag=a&amp;tag=b</c> means both tags).</summary>
public sealed record NetBoxFilter(IReadOnlyList<KeyValuePair<string, string>> Pairs)
{
    /// <summary>Parses a query string (<c>status=active&amp;role=server</c>, a leading <c>?</c> allowed).</summary>
    public static NetBoxFilter Parse(string? query) => new(QueryString.Pairs(query));
}

/// <summary>Writes <see cref="NetBoxFilter"/> pairs into the request's query string, each escaped by Refit.</summary>
public sealed class NetBoxFilterConverter : IQueryConverter<NetBoxFilter>
{
    public void Flatten(NetBoxFilter value, string keyPrefix, ref GeneratedQueryStringBuilder builder, RefitSettings settings)
    {
        foreach (var (name, v) in value.Pairs) builder.Add(keyPrefix + name, v, false);
    }
}

/// <summary>Query-string reading shared by the filter and the <c>next</c> links.</summary>
internal static class QueryString
{
    public static List<KeyValuePair<string, string>> Pairs(string? query)
    {
        static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var pair in (query ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var key = Decode(parts[0]).Trim();
            if (key.Length > 0) pairs.Add(new(key, parts.Length > 1 ? Decode(parts[1]) : ""));
        }
        return pairs;
    }
}
