using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jobs.Core.Gates;

/// <summary>
/// The JSONPath subset the HTTP probe supports: a root <c>$</c> followed by member names and array indexes —
/// <c>$.status</c>, <c>$.a.b</c>, <c>$.items[0].state</c>, <c>$['key with dots']</c>. No wildcards, filters,
/// slices or recursive descent; an unsupported path is rejected when the job is created.
/// </summary>
public static class JsonPathLite
{
    /// <summary>Splits a path into steps (string = member, int = index); null with an error when unsupported.</summary>
    public static IReadOnlyList<object>? Parse(string path, out string? error)
    {
        error = null;
        var steps = new List<object>();
        if (!path.StartsWith('$')) { error = "must start with $"; return null; }
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var start = ++i;
                while (i < path.Length && path[i] is not ('.' or '[')) i++;
                var name = path[start..i];
                if (name.Length == 0 || name is "*" || name.StartsWith('.')) { error = $"unsupported step at position {start}"; return null; }
                steps.Add(name);
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0) { error = "unclosed ["; return null; }
                var inner = path[(i + 1)..end].Trim();
                if (inner.Length >= 2 && inner[0] is '\'' or '"' && inner[^1] == inner[0]) steps.Add(inner[1..^1]);
                else if (int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var index)) steps.Add(index);
                else { error = $"unsupported selector [{inner}]: only [n] and ['name'] are supported"; return null; }
                i = end + 1;
            }
            else
            {
                error = $"unexpected '{path[i]}' at position {i}";
                return null;
            }
        }
        return steps;
    }

    /// <summary>Selects a value and renders it as text (strings as they are, other values as JSON); false when absent.</summary>
    public static bool TrySelect(JsonNode? root, string path, out string? value, out string? error)
    {
        value = null;
        var steps = Parse(path, out error);
        if (steps is null) return false;
        var node = root;
        foreach (var step in steps)
        {
            node = (step, node) switch
            {
                (string name, JsonObject o) => o[name],
                (int index, JsonArray a) when index < a.Count => a[index],
                _ => null,
            };
            if (node is null)
            {
                error = $"{path} not found in the response";
                return false;
            }
        }
        value = node switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => node?.ToJsonString(),
        };
        return true;
    }
}
