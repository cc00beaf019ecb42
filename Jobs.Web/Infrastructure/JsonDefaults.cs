using System.Text.Json;
using System.Text.Json.Serialization;

namespace Jobs.Web.Infrastructure;

/// <summary>API JSON: camelCase, enums as strings, nulls written.</summary>
public static class JsonDefaults
{
    public static void Apply(JsonSerializerOptions o)
    {
        o.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        o.Converters.Add(new JsonStringEnumConverter());
    }

    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Apply(o);
        return o;
    }
}
