using System.Text.Json;
using System.Text.Json.Serialization;

namespace Jobs.Web.Infrastructure;

/// <summary>API JSON: camelCase, enums as strings, nulls written, unknown fields rejected.</summary>
public static class JsonDefaults
{
    public static void Apply(JsonSerializerOptions o)
    {
        o.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        o.Converters.Add(new JsonStringEnumConverter());
        // A misspelt field ("paralelism") is an error, not a silent default (issue 9).
        o.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
    }

    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Apply(o);
        return o;
    }
}
