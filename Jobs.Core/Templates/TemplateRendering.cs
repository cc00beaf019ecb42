using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Jobs.Core.Domain;

namespace Jobs.Core.Templates;

/// <summary>
/// Fills <c>{{var.name}}</c> into a template's request. Values go into string values of the JSON tree (never into its
/// structure). In the filter a value is written as a quoted filter value, so a variable can only ever be a value:
/// <c>app = {{var.app}}</c> with <c>x or env=prod</c> becomes <c>app = "x or env=prod"</c>, not a second condition.
/// A string that is exactly one number or boolean variable (<c>"parallelism": "{{var.width}}"</c>) becomes that JSON
/// number or boolean.
/// </summary>
public static partial class TemplateRendering
{
    [GeneratedRegex(@"\{\{\s*var\.([A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex VarPattern();

    /// <summary>The top-level request field whose text is the host filter.</summary>
    public const string FilterField = "filter";

    /// <summary>Names of the variables <paramref name="node"/> uses, in order of first use.</summary>
    public static IReadOnlyList<string> References(JsonNode? node) =>
        Templating.Placeholders.Strings(node).SelectMany(s => VarPattern().Matches(s).Select(m => m.Groups[1].Value)).Distinct().ToList();

    public static bool HasReference(string? text) => text is not null && VarPattern().IsMatch(text);

    public static JsonObject Render(JsonObject request, IReadOnlyDictionary<string, string> values, IReadOnlyList<TemplateVariable> variables)
    {
        var result = new JsonObject();
        foreach (var (key, node) in request)
        {
            result[key] = key == FilterField && node is JsonValue v && v.TryGetValue<string>(out var filter)
                ? JsonValue.Create(Replace(filter, values, FilterValue))
                : RenderNode(node, values, variables);
        }
        return result;
    }

    /// <summary>A filter value that stands for exactly <paramref name="value"/>: double-quoted, backslash and quote escaped
    /// (the filter language's quoting, see <c>FilterTokenizer</c>).</summary>
    public static string FilterValue(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static JsonNode? RenderNode(JsonNode? node, IReadOnlyDictionary<string, string> values, IReadOnlyList<TemplateVariable> variables) => node switch
    {
        null => null,
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, RenderNode(p.Value, values, variables)))),
        JsonArray a => new JsonArray(a.Select(x => RenderNode(x, values, variables)).ToArray()),
        JsonValue v when v.TryGetValue<string>(out var s) => RenderString(s, values, variables),
        _ => node.DeepClone(),
    };

    private static JsonNode? RenderString(string text, IReadOnlyDictionary<string, string> values, IReadOnlyList<TemplateVariable> variables)
    {
        var whole = VarPattern().Match(text);
        if (whole.Success && whole.Length == text.Trim().Length && values.TryGetValue(whole.Groups[1].Value, out var value)
            && variables.FirstOrDefault(x => x.Name == whole.Groups[1].Value) is { } variable)
        {
            if (variable.Type == VariableType.Number && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                return JsonNode.Parse(number.ToString(CultureInfo.InvariantCulture)); // reads as any numeric type, like parsed JSON
            if (variable.Type == VariableType.Boolean && bool.TryParse(value, out var flag))
                return JsonValue.Create(flag);
        }
        return JsonValue.Create(Replace(text, values, v => v));
    }

    private static string Replace(string text, IReadOnlyDictionary<string, string> values, Func<string, string> write) =>
        VarPattern().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var v) ? write(v) : m.Value);
}
