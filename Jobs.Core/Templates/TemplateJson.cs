using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Jobs.Core.Domain;

namespace Jobs.Core.Templates;

/// <summary>How a template stores its request and variables: the API's JSON (camelCase, enums as strings, unknown
/// fields rejected, so a misspelt field in a template is an error when it is saved, not a silent default).</summary>
public static class TemplateJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static IReadOnlyList<TemplateVariable> Variables(JobTemplateVersion v) =>
        JsonSerializer.Deserialize<List<TemplateVariable>>(v.VariablesJson, Options) ?? [];

    public static JsonObject Request(JobTemplateVersion v) => JsonNode.Parse(v.RequestJson) as JsonObject ?? [];

    public static string Write(IReadOnlyList<TemplateVariable> variables) => JsonSerializer.Serialize(variables, Options);

    public static string Write(IReadOnlyDictionary<string, string> values) => JsonSerializer.Serialize(values, Options);

    public static Dictionary<string, string> Values(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json, Options) ?? [];

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        o.Converters.Add(new JsonStringEnumConverter());
        return o;
    }
}
