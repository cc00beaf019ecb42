using System.Text.Json.Nodes;

namespace Jobs.Resilience.Tests.Harness;

/// <summary>
/// The file the <c>local</c> executor's command appends to: one line <c>{job id} {hostname}</c> per run, written under
/// <c>flock</c> so that concurrent runs (and runs of a killed node's orphaned children) never interleave, followed by
/// the name of the node that ran it (<see cref="JobsNode.NodeVariable"/>, inherited from the JOBS process).
/// A host that ran appears once; twice would mean it was run twice.
/// </summary>
public sealed class HostLog(string path)
{
    public string Path { get; } = path;

    /// <summary>The local executor's parameters: lock, append, then sleep <paramref name="sleepSeconds"/> (work in flight).</summary>
    public JsonObject Parameters(double sleepSeconds = 0.05) => new()
    {
        ["command"] = new JsonArray("flock", Path + ".lock", "sh", "-c",
            $"echo \"$0 $1 ${JobsNode.NodeVariable}\" >> '{Path}'; sleep {sleepSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            "{{job.id}}", "{{host.hostname}}"),
        ["shell"] = false,
    };

    /// <summary>How many times each host of job <paramref name="jobId"/> was run.</summary>
    public Dictionary<string, int> Runs(long jobId) =>
        Lines(jobId).GroupBy(l => l.Host, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>Every run of job <paramref name="jobId"/>: the host and the node that ran it.</summary>
    public IEnumerable<(string Host, string Node)> Lines(long jobId)
    {
        if (!File.Exists(Path)) yield break;
        var id = jobId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var line in File.ReadLines(Path))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2 && parts[0] == id) yield return (parts[1], parts.Length > 2 ? parts[2] : "");
        }
    }
}
