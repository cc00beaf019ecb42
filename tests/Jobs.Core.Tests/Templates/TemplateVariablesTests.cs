using System.Text.Json.Nodes;
using Jobs.Core.Domain;
using Jobs.Core.Filtering;
using Jobs.Core.Templates;

namespace Jobs.Core.Tests.Templates;

/// <summary>Issue 14: a template's variables are checked (required, type, pattern, one-of) and rendered safely.</summary>
public sealed class TemplateVariablesTests
{
    private static readonly TemplateVariable Version = new("version", Pattern: @"\d+\.\d+\.\d+");
    private static readonly TemplateVariable Colour = new("colour", OneOf: ["blue", "green"], Default: "blue");
    private static readonly TemplateVariable Width = new("width", VariableType.Number, Default: "10");

    [Fact]
    public void Resolve_MissingRequired_NamesTheVariableAndTheRule()
    {
        var (_, errors) = TemplateVariables.Resolve([Version], new Dictionary<string, string>());

        var message = Assert.Single(errors["variables.version"]);
        Assert.Contains("version is required", message);
    }

    [Fact]
    public void Resolve_ValueNotMatchingThePattern_SaysWhichPattern()
    {
        var (_, errors) = TemplateVariables.Resolve([Version], new Dictionary<string, string> { ["version"] = "1.2" });

        Assert.Equal(@"version does not match the pattern \d+\.\d+\.\d+ (got '1.2').", Assert.Single(errors["variables.version"]));
    }

    [Fact]
    public void Resolve_ValueNotOneOf_ListsTheAllowedValues()
    {
        var (_, errors) = TemplateVariables.Resolve([Colour], new Dictionary<string, string> { ["colour"] = "red" });

        Assert.Equal("colour must be one of: blue, green (got 'red').", Assert.Single(errors["variables.colour"]));
    }

    [Fact]
    public void Resolve_NotANumberAndUnknownName_AreBothErrors()
    {
        var (_, errors) = TemplateVariables.Resolve([Width], new Dictionary<string, string> { ["width"] = "wide", ["colour"] = "blue" });

        Assert.Contains("must be a number", Assert.Single(errors["variables.width"]));
        Assert.Contains("no variable colour", Assert.Single(errors["variables.colour"]));
    }

    [Fact]
    public void Resolve_DefaultsFillMissingValues()
    {
        var (values, errors) = TemplateVariables.Resolve([Colour, Width, Version], new Dictionary<string, string> { ["version"] = "2.0.1" });

        Assert.Empty(errors);
        Assert.Equal(new Dictionary<string, string> { ["colour"] = "blue", ["width"] = "10", ["version"] = "2.0.1" }, values);
    }

    [Fact]
    public void CheckDefinitions_BadPatternBadNameAndBadDefault_AreReportedPerField()
    {
        var problems = TemplateVariables.CheckDefinitions([new("ok", Pattern: "(unclosed"), new("9lives"), new("n", VariableType.Number, Default: "x")]).ToList();

        Assert.Contains(problems, p => p.Field == "variables[0].pattern");
        Assert.Contains(problems, p => p.Field == "variables[1].name");
        Assert.Contains(problems, p => p.Field == "variables[2].default");
    }

    [Fact]
    public void Render_FilterVariable_IsOneQuotedValueThatCannotAddConditions()
    {
        var request = new JsonObject { ["filter"] = "env=prod and app = {{var.app}}" };
        var values = new Dictionary<string, string> { ["app"] = "x\" or env=uat or app=\"y" };

        var filter = TemplateRendering.Render(request, values, [new TemplateVariable("app")])["filter"]!.GetValue<string>();

        var parsed = HostFilter.Parse(filter);
        var uat = new Server("h", "10.0.0.1", "sh1", "uat", "y", "web", "linux", ServerStatus.Online, "ops", [], DateTime.UnixEpoch);
        Assert.False(parsed.Matches(uat));
        var literal = new Server("h", "10.0.0.1", "sh1", "prod", values["app"], "web", "linux", ServerStatus.Online, "ops", [], DateTime.UnixEpoch);
        Assert.True(parsed.Matches(literal));
    }

    [Fact]
    public void Render_WholeNumberVariable_BecomesAJsonNumber_TextStaysText()
    {
        var request = new JsonObject { ["parallelism"] = "{{var.width}}", ["parameters"] = new JsonObject { ["command"] = "deploy --width {{var.width}}" } };

        var rendered = TemplateRendering.Render(request, new Dictionary<string, string> { ["width"] = "7" }, [Width]);

        Assert.Equal(7, rendered["parallelism"]!.GetValue<decimal>());
        Assert.Equal("deploy --width 7", rendered["parameters"]!["command"]!.GetValue<string>());
    }
}
