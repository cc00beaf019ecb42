using System.Text.Json;
using Jobs.Core.Domain;
using Jobs.Core.Inventory.Sources;

namespace Jobs.Core.Tests.Inventory;

/// <summary>Issue 15: NetBox device JSON → JOBS server columns with the default and configured mappings.</summary>
public sealed class SourceMappingTests
{
    private const string Device = """
        {"id": 17, "name": "Web-017", "status": {"value": "decommissioning", "label": "Decommissioning"},
         "site": {"id": 1, "slug": "sh2", "name": "SH2"}, "role": {"slug": "server"}, "platform": null,
         "tenant": {"slug": "order-api"}, "primary_ip4": {"address": "10.1.2.3/24", "family": {"value": 4}},
         "tags": [{"slug": "Linux"}, {"slug": "env-uat"}], "custom_fields": {"env": null, "owner": "team-a", "rack": 12}}
        """;

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Fact]
    public void Map_DefaultMapping_ReadsNestedFieldsTagPrefixAndStripsThePrefixLength()
    {
        var mapped = new SourceRecordMapper(new InventorySourceOptions()).Map(Json(Device));

        Assert.Null(mapped.Problem);
        var s = mapped.Server!;
        Assert.Equal(("web-017", "10.1.2.3", "sh2", "uat", "order-api", "server", "", ServerStatus.Maintenance, "team-a"),
            (s.Hostname, s.Ip, s.Idc, s.Env, s.App, s.Role, s.Os, s.Status, s.Owner));
        Assert.Equal(["env-uat", "linux"], s.Tags);
    }

    [Theory]
    [InlineData("""{"id": 5, "name": null}""", "device 5: no hostname (name)")]
    [InlineData("""{"id": 6, "name": "db-1", "primary_ip4": null}""", "db-1: no IP address (primary_ip4.address)")]
    [InlineData("""{"id": 7, "name": "db-2", "primary_ip4": {"address": "10.0.0.1/32"}, "site": {"slug": "bj1"}, "custom_fields": {}, "tags": []}""",
        "db-2: no env (custom_fields.env|tag:env-)")]
    public void Map_UnusableRecord_SaysWhy(string json, string problem)
    {
        var mapped = new SourceRecordMapper(new InventorySourceOptions()).Map(Json(json));

        Assert.Null(mapped.Server);
        Assert.Equal(problem, mapped.Problem);
    }

    [Fact]
    public void Map_ConfiguredMappingAndStatusMap_Apply()
    {
        var options = new InventorySourceOptions
        {
            Mapping = new SourceFieldMapping { Env = "custom_fields.rack", App = "custom_fields.owner", Os = "platform.slug|tags[].slug" },
            StatusMap = new(StringComparer.OrdinalIgnoreCase) { ["decommissioning"] = "offline" },
        };

        var s = new SourceRecordMapper(options).Map(Json(Device)).Server!;

        Assert.Equal(("12", "team-a", "Linux", ServerStatus.Offline), (s.Env, s.App, s.Os, s.Status));
    }

    [Theory]
    [InlineData("site.slug", true)]
    [InlineData("tags[].slug", true)]
    [InlineData("custom_fields.env|tag:env-", true)]
    [InlineData("site..slug", false)]
    [InlineData("tag:", false)]
    [InlineData("tags[0].slug", false)]
    [InlineData("", false)]
    public void FieldPath_Parse_AcceptsOnlyTheDocumentedForms(string text, bool valid) =>
        Assert.Equal(valid, FieldPath.TryParse(text, out _, out _));

    [Fact]
    public void Validator_BadValues_NameEveryKey()
    {
        var errors = InventorySourcesValidator.Check("nb", new InventorySourceOptions
        {
            Type = "netbox", BaseUrl = "netbox.example", Token = "secret", PageSize = 5000,
            StatusMap = new() { ["active"] = "retired" },
        }).ToList();

        Assert.Equal([
            "Jobs:Inventory:Sources:nb:BaseUrl must be an absolute http(s) URL",
            "Jobs:Inventory:Sources:nb:Token must be the whole Authorization header value, starting with 'Token ' (v1) or 'Bearer ' (v2)",
            "Jobs:Inventory:Sources:nb:PageSize must be between 1 and 1000",
            "Jobs:Inventory:Sources:nb:StatusMap:active must be online, offline or maintenance (got 'retired')",
        ], errors);
    }
}
