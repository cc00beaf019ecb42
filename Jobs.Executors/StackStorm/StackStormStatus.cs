using System.Text;
using System.Text.Json.Nodes;
using Jobs.Core.Domain;

namespace Jobs.Executors.StackStorm;

/// <summary>The 14 st2 execution statuses and how each maps to a host outcome.</summary>
internal static class StackStormStatus
{
    /// <summary>Every status st2 knows (<c>st2common/constants/action.py</c>; the same enum is in <c>Execution.status</c>).</summary>
    public static readonly IReadOnlyList<string> All =
    [
        "requested", "scheduled", "delayed", "running", "succeeded", "failed", "timeout",
        "abandoned", "canceling", "canceled", "pending", "pausing", "paused", "resuming",
    ];

    /// <summary>
    /// Host status for an st2 status; null while the execution is not finished (<c>requested, scheduled, delayed, running,
    /// canceling, pending, pausing, paused, resuming</c> — <c>pending</c> and <c>paused</c> may last indefinitely, so only the
    /// host timeout ends them).
    /// </summary>
    public static (HostStatus Status, ErrorCategory? Category)? Map(string? status) => status switch
    {
        "succeeded" => (HostStatus.Succeeded, null),
        "failed" => (HostStatus.Failed, ErrorCategory.Environment),
        "timeout" => (HostStatus.TimedOut, ErrorCategory.Environment),
        // The action runner lost the execution (killed, restarted): StackStorm's fault, not the host's.
        "abandoned" => (HostStatus.Failed, ErrorCategory.System),
        "canceled" => (HostStatus.Canceled, null),
        _ => null,
    };

    internal sealed record Output(int? ExitCode, string? Stdout, string? Stderr);

    /// <summary>
    /// Output of a finished execution: <c>core.local</c> has a flat <c>{return_code, stdout, stderr}</c>; <c>core.remote</c> is
    /// keyed by host (the entry for <paramref name="hostname"/>, or the only entry); a workflow (orquesta <c>errors</c>,
    /// action-chain <c>tasks</c>) names its failing task; anything else is shown as JSON.
    /// </summary>
    public static Output ReadResult(JsonNode? result, string hostname, string? status)
    {
        if (result is not JsonObject r) return new Output(null, result?.ToJsonString(), null);
        if (IsShellResult(r)) return Shell(r);

        var perHost = r.Where(kv => kv.Value is JsonObject o && IsShellResult(o)).ToList();
        if (perHost.Count > 0)
        {
            var mine = perHost.FirstOrDefault(kv => string.Equals(kv.Key, hostname, StringComparison.OrdinalIgnoreCase));
            if (mine.Value is JsonObject one) return Shell(one);
            if (perHost.Count == 1) return Shell((JsonObject)perHost[0].Value!);
            var so = new StringBuilder();
            var se = new StringBuilder();
            int? worst = 0;
            foreach (var (host, node) in perHost)
            {
                var s = Shell((JsonObject)node!);
                so.Append('[').Append(host).Append("] ").AppendLine(s.Stdout);
                if (!string.IsNullOrEmpty(s.Stderr)) se.Append('[').Append(host).Append("] ").AppendLine(s.Stderr);
                if (s.ExitCode is not 0) worst = s.ExitCode;
            }
            return new Output(worst, so.ToString().TrimEnd(), se.Length > 0 ? se.ToString().TrimEnd() : null);
        }

        if (r["errors"] is JsonArray { Count: > 0 } errors)
        {
            // orquesta: [{"type": "error", "message": "...", "task_id": "...", "route": 0}, ...]
            var lines = errors.Select(e => e?["task_id"] is { } task
                ? $"failed task: {Text(task)}: {Text(e["message"])}"
                : $"workflow error: {Text(e?["message"]) ?? e?.ToJsonString()}");
            return new Output(null, r["output"]?.ToJsonString(), string.Join('\n', lines));
        }
        if (r["tasks"] is JsonArray tasks)
        {
            // action-chain: [{"name", "state", "result", ...}]
            var failed = tasks.Where(t => Text(t?["state"]) is "failed" or "timeout" or "abandoned").ToList();
            var stderr = failed.Count == 0 ? Text(r["error"]) : string.Join('\n', failed.Select(t =>
                $"failed task: {Text(t!["name"])} ({Text(t["state"])}){TaskDetail(t["result"])}"));
            return new Output(null, string.Join('\n', tasks.Select(t => $"{Text(t?["name"])}: {Text(t?["state"])}")), stderr);
        }
        var error = Text(r["error"]) ?? (status is "failed" or "timeout" or "abandoned" ? Text(r["message"]) : null);
        return new Output(null, r.ToJsonString(), error);
    }

    private static bool IsShellResult(JsonObject o) => o.ContainsKey("return_code") || o.ContainsKey("stdout") || o.ContainsKey("stderr");

    private static Output Shell(JsonObject o)
    {
        int? code = o["return_code"] is JsonValue v && v.TryGetValue<int>(out var c) ? c : null;
        var stderr = Text(o["stderr"]);
        if (Text(o["error"]) is { Length: > 0 } error) stderr = string.IsNullOrEmpty(stderr) ? error : stderr + "\n" + error;
        return new Output(code, Text(o["stdout"]), stderr);
    }

    private static string TaskDetail(JsonNode? result) =>
        result is JsonObject o && (Text(o["stderr"]) ?? Text(o["error"])) is { Length: > 0 } d ? ": " + d : "";

    private static string? Text(JsonNode? n) => n switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => n.ToJsonString(),
    };
}
