using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Jobs.Web.Infrastructure;

/// <summary>
/// Turns System.Text.Json's exceptions into messages in the operator's words (issue 9): the field by its JSON name,
/// what it expects (a whole number, one of the allowed values, …) and, for broken JSON, line and column counted from 1.
/// Never a .NET type name, never the reader's advice to "change the reader options".
/// </summary>
public static class JsonErrors
{
    /// <summary>One translated error: <see cref="Field"/> is the JSON path without <c>$.</c> ("" for the whole body).</summary>
    public sealed record Error(string Field, string Message);

    /// <summary>Describes an exception thrown while reading <paramref name="root"/> from JSON.</summary>
    public static Error Describe(JsonException ex, Type? root, JsonSerializerOptions options)
    {
        var segments = PathSegments(ex.Path);
        var field = string.Join('.', segments.Where(s => !s.StartsWith('[')));
        if (IsSyntaxError(ex)) return new Error("", Syntax(ex));
        // Bytes that are not UTF-8 inside a string fail as the string's conversion, which read as "must be text" (issue 13).
        if (ex.InnerException is InvalidOperationException { InnerException: System.Text.DecoderFallbackException } or System.Text.DecoderFallbackException)
            return new Error(field, $"{Label(field)} is not UTF-8 text; send the body encoded as UTF-8.");
        if (root is null) return new Error(field, $"{Label(field)} has a value of the wrong type.");

        var (type, unknown, known) = Walk(root, segments, options);
        if (unknown is not null)
        {
            var suggestion = Closest(unknown, known) is { } c ? $" Did you mean '{c}'?" : "";
            return new Error(field, $"'{unknown}' is not a field of this request.{suggestion} Known fields: {string.Join(", ", known)}.");
        }
        return new Error(field, $"{Label(field)} must be {Expected(type)}.");
    }

    /// <summary>A message for text that is not valid JSON (the wizard's parameters box, an API body).</summary>
    public static string Syntax(JsonException ex)
    {
        var line = (ex.LineNumber ?? 0) + 1;
        var column = (ex.BytePositionInLine ?? 0) + 1;
        return $"Not valid JSON at line {line}, column {column}: {ReaderReason(ex)}";
    }

    /// <summary>What a value of <paramref name="type"/> looks like, in words.</summary>
    public static string Expected(Type? type)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (type is null) return "a value of another kind";
        if (type.IsEnum) return "one of " + AllowedValues(type);
        if (type == typeof(int) || type == typeof(long) || type == typeof(short)) return "a whole number, e.g. 20";
        if (type == typeof(decimal) || type == typeof(double) || type == typeof(float)) return "a number, e.g. 10 or 2.5";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(string)) return "text in double quotes";
        if (type == typeof(DateTime) || type == typeof(DateTimeOffset)) return "a date and time in ISO 8601 form, e.g. \"2026-12-01T03:34:00Z\"";
        if (type == typeof(JsonObject)) return "a JSON object, e.g. {\"command\": \"uptime\"}";
        if (type.IsArray || (type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type))) return "a JSON array";
        return "a JSON object";
    }

    /// <summary>An enum's values as the API accepts them, quoted and comma-separated.</summary>
    public static string AllowedValues(Type enumType) =>
        string.Join(", ", Enum.GetNames(Nullable.GetUnderlyingType(enumType) ?? enumType).Select(n => $"\"{n}\""));

    private static string Label(string field) => field.Length == 0 ? "The body" : $"'{field}'";

    private static bool IsSyntaxError(JsonException ex) =>
        // The reader's own exception type is internal; its name is the only public sign of a syntax error.
        ex.GetType().Name == "JsonReaderException" || ex.InnerException?.GetType().Name == "JsonReaderException";

    private static string ReaderReason(JsonException ex)
    {
        var message = (ex.GetType().Name == "JsonReaderException" ? ex : ex.InnerException ?? ex).Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0) message = message[..cut];
        // Advice meant for the programmer ("Change the reader options.") is dropped.
        var sentences = message.Split(". ", StringSplitOptions.RemoveEmptyEntries)
            .Where(s => !s.Contains("reader options", StringComparison.OrdinalIgnoreCase));
        var text = System.Text.RegularExpressions.Regex.Replace(string.Join(". ", sentences), @"\s+", " ").Trim();
        return text.EndsWith('.') ? text : text + ".";
    }

    private static List<string> PathSegments(string? path)
    {
        var result = new List<string>();
        if (string.IsNullOrEmpty(path)) return result;
        foreach (var part in path.TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var bracket = part.IndexOf('[');
            if (bracket > 0)
            {
                result.Add(part[..bracket]);
                result.Add(part[bracket..]);
            }
            else result.Add(part);
        }
        return result;
    }

    /// <summary>Follows the path through the request's JSON contract: the type at its end, or the first unknown name.</summary>
    private static (Type? Type, string? Unknown, IReadOnlyList<string> Known) Walk(Type root, List<string> segments, JsonSerializerOptions options)
    {
        Type? type = root;
        foreach (var segment in segments)
        {
            if (type is null) break;
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (segment.StartsWith('['))
            {
                type = type.IsArray ? type.GetElementType() : type.GetGenericArguments().LastOrDefault();
                continue;
            }
            if (type == typeof(JsonObject) || type == typeof(JsonNode)) return (typeof(JsonNode), null, []);
            var info = options.GetTypeInfo(type);
            if (info.Kind != JsonTypeInfoKind.Object) return (type, null, []);
            var property = info.Properties.FirstOrDefault(p => string.Equals(p.Name, segment, StringComparison.OrdinalIgnoreCase));
            if (property is null) return (null, segment, info.Properties.Select(p => p.Name).ToList());
            type = property.PropertyType;
        }
        return (type, null, []);
    }

    private static string? Closest(string name, IReadOnlyList<string> known) =>
        known.Select(k => (k, d: Distance(name.ToLowerInvariant(), k.ToLowerInvariant())))
            .Where(x => x.d <= Math.Max(2, name.Length / 4)).OrderBy(x => x.d).Select(x => x.k).FirstOrDefault();

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }
        return row[b.Length];
    }
}
