using System.Text.Json;

namespace Jobs.Core.Inventory.Sources;

/// <summary>
/// A compiled <see cref="SourceFieldMapping"/> path: alternatives separated by <c>|</c>, each either <c>tag:&lt;prefix&gt;</c>
/// or dotted segments where <c>name[]</c> walks every element of a list. Reads a <see cref="JsonElement"/>; null and
/// missing values read as nothing, so <c>primary_ip4: null</c> is simply empty.
/// </summary>
public sealed class FieldPath
{
    private readonly IReadOnlyList<Alternative> _alternatives;

    private FieldPath(string text, IReadOnlyList<Alternative> alternatives) => (Text, _alternatives) = (text, alternatives);

    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, out FieldPath path, out string error)
    {
        path = null!;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "is empty";
            return false;
        }
        var alternatives = new List<Alternative>();
        foreach (var part in text.Split('|', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("tag:", StringComparison.OrdinalIgnoreCase))
            {
                var prefix = part[4..];
                if (prefix.Length == 0) { error = $"'{part}' needs a prefix after tag:"; return false; }
                alternatives.Add(new Alternative(null, prefix));
                continue;
            }
            var segments = part.Split('.');
            if (segments.Any(s => s.Length == 0 || s == "[]" || s.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '[' or ']'))
                                  || (s.Contains('[') && !s.EndsWith("[]", StringComparison.Ordinal)) || s.Count(c => c == '[') > 1))
            {
                error = $"'{part}' is not a path like site.slug, tags[].slug or tag:env-";
                return false;
            }
            alternatives.Add(new Alternative(segments, null));
        }
        path = new FieldPath(text, alternatives);
        return true;
    }

    public static FieldPath Parse(string text) =>
        TryParse(text, out var path, out var error) ? path : throw new FormatException($"Field path {error}.");

    /// <summary>The first non-empty value of the alternatives, trimmed; "" when none has one.</summary>
    public string ReadText(JsonElement record)
    {
        foreach (var alternative in _alternatives)
        {
            var value = alternative.Read(record).FirstOrDefault(v => v.Length > 0);
            if (value is not null) return value;
        }
        return "";
    }

    /// <summary>Every value of the first alternative that has any (for list columns such as tags).</summary>
    public IReadOnlyList<string> ReadList(JsonElement record)
    {
        foreach (var alternative in _alternatives)
        {
            var values = alternative.Read(record).Where(v => v.Length > 0).ToList();
            if (values.Count > 0) return values;
        }
        return [];
    }

    private sealed record Alternative(string[]? Segments, string? TagPrefix)
    {
        public IEnumerable<string> Read(JsonElement record)
        {
            if (TagPrefix is { } prefix)
            {
                return Walk(record, ["tags[]", "slug"], 0)
                    .Where(t => t.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && t.Length > prefix.Length)
                    .Select(t => t[prefix.Length..]).Take(1);
            }
            return Walk(record, Segments!, 0);
        }

        private static IEnumerable<string> Walk(JsonElement element, string[] segments, int index)
        {
            if (index == segments.Length)
            {
                if (Scalar(element) is { } text) yield return text.Trim();
                yield break;
            }
            var segment = segments[index];
            var list = segment.EndsWith("[]", StringComparison.Ordinal);
            var name = list ? segment[..^2] : segment;
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var child)) yield break;
            if (!list)
            {
                foreach (var v in Walk(child, segments, index + 1)) yield return v;
                yield break;
            }
            if (child.ValueKind != JsonValueKind.Array) yield break;
            foreach (var item in child.EnumerateArray())
                foreach (var v in Walk(item, segments, index + 1)) yield return v;
        }

        private static string? Scalar(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.String => e.GetString(),
            JsonValueKind.Number => e.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            // A custom field of type "object" (a related object): its slug or name, as NetBox renders it.
            JsonValueKind.Object when e.TryGetProperty("slug", out var s) && s.ValueKind == JsonValueKind.String => s.GetString(),
            JsonValueKind.Object when e.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String => n.GetString(),
            _ => null,
        };
    }

    public override string ToString() => Text;
}
