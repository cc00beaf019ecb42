using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Jobs.Executors.Tests.Infrastructure;

/// <summary>
/// The definitions of a Swagger 2.0 / OpenAPI YAML file, and a validator for the subset of JSON Schema they use:
/// <c>$ref</c>, <c>allOf</c>, <c>type</c> (with <c>x-nullable</c> / <c>nullable</c>), <c>required</c>, <c>properties</c>,
/// <c>additionalProperties</c>, <c>enum</c>, <c>pattern</c>, <c>items</c>, <c>minimum</c>/<c>maximum</c>, <c>minLength</c>.
/// No JSON-schema library is served here; this covers what the request schemas need and fails loudly on anything else.
/// </summary>
public sealed class SwaggerSchema
{
    private static readonly HashSet<string> Known =
    [
        "$ref", "allOf", "type", "x-nullable", "nullable", "required", "properties", "additionalProperties", "enum", "pattern",
        "items", "minimum", "maximum", "minLength", "maxLength", "description", "default", "title", "format", "example", "readOnly",
        "position", "immutable", "secret", "x-api-model",
    ];

    private readonly YamlMappingNode _root;

    private SwaggerSchema(YamlMappingNode root) => _root = root;

    public static SwaggerSchema Load(string path)
    {
        // YamlDotNet 16 rejects a block scalar whose first line is whitespace only ("found extra spaces in first line"),
        // which st2's description has; such lines are empty lines of the scalar either way, so blank them first.
        var text = string.Join('\n', File.ReadAllLines(path).Select(l => string.IsNullOrWhiteSpace(l) ? "" : l));
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return new SwaggerSchema((YamlMappingNode)stream.Documents[0].RootNode);
    }

    /// <summary><c>definitions</c> (Swagger 2) or <c>components/schemas</c> (OpenAPI 3).</summary>
    public YamlMappingNode Definition(string name)
    {
        var defs = _root.Children.TryGetValue(new YamlScalarNode("definitions"), out var d)
            ? (YamlMappingNode)d
            : (YamlMappingNode)((YamlMappingNode)_root["components"])["schemas"];
        return (YamlMappingNode)defs[name];
    }

    /// <summary>All violations of <paramref name="instance"/> against definition <paramref name="name"/>; empty = valid.</summary>
    public IReadOnlyList<string> Validate(string name, JsonNode? instance)
    {
        var errors = new List<string>();
        Check(Definition(name), instance, "$", errors);
        return errors;
    }

    private void Check(YamlMappingNode schema, JsonNode? value, string path, List<string> errors)
    {
        foreach (var key in schema.Children.Keys.Select(k => ((YamlScalarNode)k).Value!))
        {
            if (!Known.Contains(key) && !key.StartsWith("x-", StringComparison.Ordinal))
                throw new NotSupportedException($"schema keyword '{key}' at {path} is not supported by this validator");
        }
        if (Scalar(schema, "$ref") is { } reference)
        {
            Check(Definition(reference.Split('/')[^1]), value, path, errors);
            return;
        }
        if (schema.Children.TryGetValue(new YamlScalarNode("allOf"), out var allOf))
        {
            foreach (var part in ((YamlSequenceNode)allOf).Children.Cast<YamlMappingNode>()) Check(part, value, path, errors);
        }
        var nullable = IsTrue(Scalar(schema, "x-nullable")) || IsTrue(Scalar(schema, "nullable"));
        if (value is null)
        {
            if (!nullable && Scalar(schema, "type") is not null) errors.Add($"{path}: null is not allowed");
            return;
        }
        if (Scalar(schema, "type") is { } type && !HasType(value, type))
        {
            errors.Add($"{path}: expected {type}, got {value.GetValueKind()}");
            return;
        }
        if (schema.Children.TryGetValue(new YamlScalarNode("enum"), out var en))
        {
            var allowed = ((YamlSequenceNode)en).Children.Select(c => ((YamlScalarNode)c).Value).ToList();
            if (!allowed.Contains(value.ToString())) errors.Add($"{path}: '{value}' is not one of {string.Join(", ", allowed)}");
        }
        if (Scalar(schema, "pattern") is { } pattern && value is JsonValue && !Regex.IsMatch(value.ToString(), pattern))
            errors.Add($"{path}: '{value}' does not match {pattern}");
        if (Scalar(schema, "minLength") is { } minLen && value.ToString().Length < int.Parse(minLen))
            errors.Add($"{path}: shorter than {minLen}");
        if (Scalar(schema, "minimum") is { } min && value.GetValue<double>() < double.Parse(min, System.Globalization.CultureInfo.InvariantCulture))
            errors.Add($"{path}: below minimum {min}");
        if (Scalar(schema, "maximum") is { } max && value.GetValue<double>() > double.Parse(max, System.Globalization.CultureInfo.InvariantCulture))
            errors.Add($"{path}: above maximum {max}");
        if (value is JsonObject obj)
        {
            var props = schema.Children.TryGetValue(new YamlScalarNode("properties"), out var p) ? (YamlMappingNode)p : null;
            if (schema.Children.TryGetValue(new YamlScalarNode("required"), out var req))
            {
                foreach (var r in ((YamlSequenceNode)req).Children.Select(c => ((YamlScalarNode)c).Value!))
                {
                    if (!obj.ContainsKey(r)) errors.Add($"{path}: required property '{r}' is missing");
                }
            }
            schema.Children.TryGetValue(new YamlScalarNode("additionalProperties"), out var additional);
            foreach (var (k, v) in obj)
            {
                if (props is not null && props.Children.TryGetValue(new YamlScalarNode(k), out var ps))
                    Check((YamlMappingNode)ps, v, $"{path}.{k}", errors);
                else if (additional is YamlScalarNode s && !IsTrue(s.Value))
                    errors.Add($"{path}: property '{k}' is not allowed");
                else if (additional is YamlMappingNode addSchema)
                    Check(addSchema, v, $"{path}.{k}", errors);
            }
        }
        if (value is JsonArray arr && schema.Children.TryGetValue(new YamlScalarNode("items"), out var items))
        {
            for (var i = 0; i < arr.Count; i++) Check((YamlMappingNode)items, arr[i], $"{path}[{i}]", errors);
        }
    }

    private static bool HasType(JsonNode value, string type) => (type, value.GetValueKind()) switch
    {
        ("object", System.Text.Json.JsonValueKind.Object) => true,
        ("array", System.Text.Json.JsonValueKind.Array) => true,
        ("string", System.Text.Json.JsonValueKind.String) => true,
        ("boolean", System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False) => true,
        ("number", System.Text.Json.JsonValueKind.Number) => true,
        ("integer", System.Text.Json.JsonValueKind.Number) => value.GetValue<double>() % 1 == 0,
        _ => false,
    };

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode s ? s.Value : null;

    private static bool IsTrue(string? s) => string.Equals(s, "true", StringComparison.OrdinalIgnoreCase);
}
