using Jobs.Executors.Tests.Infrastructure;

namespace Jobs.Executors.Tests;

public sealed class ContractFileTests
{
    [Fact]
    public void St2Spec_CopyInTests_MatchesSharedContractsWhenPresent()
    {
        // CI has shared/ beside the repository; a worktree may have it further up. The copy must not drift.
        var root = new DirectoryInfo(Contracts.RepoRoot());
        var shared = new[] { root.Parent, root.Parent?.Parent }
            .Where(d => d is not null)
            .Select(d => Path.Combine(d!.FullName, "shared", "contracts", "st2-openapi.yaml"))
            .FirstOrDefault(File.Exists);
        var copy = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Contracts", "st2-openapi.yaml"));

        Assert.True(copy.Length > 100_000, "the st2 spec copy is missing or truncated");
        if (shared is not null) Assert.Equal(File.ReadAllBytes(shared), copy);
    }

    [Fact]
    public void AgentContract_TaskRequest_MatchesWhatTheIssueSpecifies()
    {
        var schema = Contracts.Agent;

        Assert.Empty(schema.Validate("TaskRequest", System.Text.Json.Nodes.JsonNode.Parse(
            """{"host": "web-01", "command": "uptime", "timeoutSeconds": 60, "env": {"A": "b"}}""")));
        Assert.Contains(schema.Validate("TaskRequest", System.Text.Json.Nodes.JsonNode.Parse("""{"host": "web-01", "cmd": "x"}""")),
            e => e.Contains("'cmd' is not allowed"));
        var statuses = ((YamlDotNet.RepresentationModel.YamlSequenceNode)schema.Definition("TaskStatus")["enum"]).Children.Select(c => c.ToString());
        Assert.Equal(["queued", "running", "succeeded", "failed", "timeout", "canceled"], statuses);
        var errorCodes = ((YamlDotNet.RepresentationModel.YamlSequenceNode)((YamlDotNet.RepresentationModel.YamlMappingNode)schema.Definition("Error")["properties"])["code"]["enum"])
            .Children.Select(c => c.ToString()).ToList();
        Assert.Contains("agent_unreachable", errorCodes);
        Assert.Contains("host_busy", errorCodes);
    }
}
