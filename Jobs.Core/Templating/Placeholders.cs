using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Jobs.Core.Templating;

/// <summary>Values a placeholder can take for one host of a job.</summary>
public sealed record PlaceholderValues(string Hostname, string Ip, string Idc, string Env, string App, long JobId, int BatchIndex);

/// <summary>
/// <c>{{host.hostname}}</c>, <c>{{host.ip}}</c>, <c>{{host.idc}}</c>, <c>{{host.env}}</c>, <c>{{host.app}}</c>,
/// <c>{{job.id}}</c>, <c>{{batch.index}}</c> in string values of executor parameters and in probe URLs.
/// Anything else between double braces is an error at creation, so a typo never reaches a host.
/// </summary>
public static partial class Placeholders
{
    public static readonly IReadOnlyList<string> Known =
        ["host.hostname", "host.ip", "host.idc", "host.env", "host.app", "job.id", "batch.index"];

    [GeneratedRegex(@"\{\{\s*([^{}]*?)\s*\}\}")]
    private static partial Regex Pattern();

    /// <summary>Unknown placeholder names used in <paramref name="text"/>.</summary>
    public static IEnumerable<string> Unknown(string text) =>
        Pattern().Matches(text).Select(m => m.Groups[1].Value).Where(n => !Known.Contains(n, StringComparer.Ordinal)).Distinct();

    /// <summary>Unknown placeholders in every string value of a JSON tree.</summary>
    public static IReadOnlyList<string> Unknown(JsonNode? node) => Strings(node).SelectMany(Unknown).Distinct().ToList();

    public static bool HasHostPlaceholder(string text) =>
        Pattern().Matches(text).Any(m => m.Groups[1].Value.StartsWith("host.", StringComparison.Ordinal));

    public static string Render(string text, PlaceholderValues v) =>
        Pattern().Replace(text, m => m.Groups[1].Value switch
        {
            "host.hostname" => v.Hostname,
            "host.ip" => v.Ip,
            "host.idc" => v.Idc,
            "host.env" => v.Env,
            "host.app" => v.App,
            "job.id" => v.JobId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "batch.index" => v.BatchIndex.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => m.Value,
        });

    /// <summary>A copy of <paramref name="parameters"/> with every string value rendered for one host.</summary>
    public static JsonObject Render(JsonObject parameters, PlaceholderValues v) => (JsonObject)RenderNode(parameters, v)!;

    private static JsonNode? RenderNode(JsonNode? node, PlaceholderValues v) => node switch
    {
        null => null,
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, RenderNode(p.Value, v)))),
        JsonArray a => new JsonArray(a.Select(x => RenderNode(x, v)).ToArray()),
        JsonValue val when val.TryGetValue<string>(out var s) => JsonValue.Create(Render(s, v)),
        _ => node.DeepClone(),
    };

    /// <summary>Every string value in a JSON tree (for validation and warnings).</summary>
    public static IEnumerable<string> Strings(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var p in o) foreach (var s in Strings(p.Value)) yield return s;
                break;
            case JsonArray a:
                foreach (var x in a) foreach (var s in Strings(x)) yield return s;
                break;
            case JsonValue val when val.TryGetValue<string>(out var str):
                yield return str;
                break;
        }
    }
}
