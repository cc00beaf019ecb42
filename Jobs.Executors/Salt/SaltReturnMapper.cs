using System.Text;
using System.Text.Json.Nodes;
using Jobs.Core.Domain;

namespace Jobs.Executors.Salt;

/// <summary>Turns one minion's entry of <c>/jobs/{jid}</c> <c>info[0].Result</c> into a host outcome.</summary>
internal static partial class SaltReturnMapper
{
    internal sealed record Mapped(HostStatus Status, int? ExitCode, string? Stdout, string? Stderr);

    /// <param name="function">The job's <c>Function</c>.</param>
    /// <param name="entry"><c>{"return": …, "retcode": int, "success": bool}</c>.</param>
    public static Mapped Map(string? function, JsonNode? entry)
    {
        var m = MapRaw(function, entry);
        return m with { Stdout = Redact(m.Stdout), Stderr = Redact(m.Stderr) };
    }

    private static Mapped MapRaw(string? function, JsonNode? entry)
    {
        var ret = entry?["return"];
        int? retcode = entry?["retcode"] is JsonValue rv && rv.TryGetValue<int>(out var rc) ? rc : null;
        bool? success = entry?["success"] is JsonValue sv && sv.TryGetValue<bool>(out var s) ? s : null;

        // A module error (bad args, missing command, CommandExecutionError) comes back as a string, whatever the function.
        if (ret is JsonValue v && v.TryGetValue<string>(out var text))
            return new Mapped(HostStatus.Failed, retcode is null or 0 ? 1 : retcode, null, text);

        if (function is not null && function.StartsWith("state.", StringComparison.Ordinal)) return MapState(ret, retcode);

        if (ret is JsonObject o && o.ContainsKey("retcode"))
        {
            // cmd.run_all: {"pid", "retcode", "stdout", "stderr"}
            var code = o["retcode"] is JsonValue c && c.TryGetValue<int>(out var cc) ? cc : retcode ?? 1;
            return new Mapped(code == 0 ? HostStatus.Succeeded : HostStatus.Failed, code, Str(o["stdout"]), Str(o["stderr"]));
        }

        // Any other function: trust the job-level success/retcode, show the return as JSON.
        var ok = success ?? retcode is null or 0;
        return new Mapped(ok ? HostStatus.Succeeded : HostStatus.Failed, retcode ?? (ok ? 0 : 1), ret?.ToJsonString(), null);
    }

    /// <summary>
    /// <c>state.apply</c>: an object of state results keyed <c>mod_|-id_|-name_|-fun</c>; any <c>result: false</c> fails the host
    /// and its comment becomes the output. Render/compile errors come back as a list of strings.
    /// </summary>
    private static Mapped MapState(JsonNode? ret, int? retcode)
    {
        if (ret is JsonArray errors)
        {
            var lines = string.Join('\n', errors.Select(e => e is JsonValue ev && ev.TryGetValue<string>(out var es) ? es : e?.ToJsonString()));
            return new Mapped(HostStatus.Failed, retcode is null or 0 ? 1 : retcode, null, lines);
        }
        if (ret is not JsonObject states)
            return new Mapped(HostStatus.Failed, retcode ?? 1, null, "unexpected state return: " + (ret?.ToJsonString() ?? "null"));

        var ordered = states
            .Select(kv => (Key: kv.Key, Node: kv.Value as JsonObject))
            .OrderBy(s => s.Node?["__run_num__"] is JsonValue n && n.TryGetValue<int>(out var i) ? i : int.MaxValue)
            .ToList();
        var failed = ordered.Where(s => s.Node?["result"] is JsonValue r && r.TryGetValue<bool>(out var b) && !b).ToList();
        var changed = ordered.Count(s => s.Node?["changes"] is JsonObject { Count: > 0 });

        if (failed.Count > 0)
        {
            var err = new StringBuilder();
            foreach (var (key, node) in failed) err.Append("FAILED ").Append(StateName(key)).Append(": ").AppendLine(Str(node?["comment"]) ?? "");
            var summary = $"{failed.Count} of {ordered.Count} states failed, {changed} changed";
            return new Mapped(HostStatus.Failed, retcode is null or 0 ? 2 : retcode, summary, err.ToString().TrimEnd());
        }

        var ok = new StringBuilder($"{ordered.Count} states succeeded, {changed} changed\n");
        foreach (var (key, node) in ordered)
        {
            var mark = node?["changes"] is JsonObject { Count: > 0 } ? "changed" : "ok";
            ok.Append(mark).Append(' ').Append(StateName(key)).Append(": ").AppendLine(Str(node?["comment"]) ?? "");
        }
        return new Mapped(HostStatus.Succeeded, 0, ok.ToString().TrimEnd(), null);
    }

    /// <summary><c>file_|-nginx-conf_|-/etc/nginx/nginx.conf_|-managed</c> → <c>nginx-conf (file.managed)</c>.</summary>
    internal static string StateName(string key)
    {
        var parts = key.Split("_|-");
        return parts.Length == 4 ? $"{parts[1]} ({parts[0]}.{parts[3]})" : key;
    }

    /// <summary>
    /// Salt's "Unable to run command … with the context {…, 'env': {…}, …}" carries the minion's whole process environment,
    /// secrets included; it would reach every viewer and the Excel export. Replaced by a marker before anything is stored (issue 11).
    /// </summary>
    internal static string? Redact(string? text) => text is null ? null : EnvBlock().Replace(text, "${key}: {…environment removed by JOBS…}");

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<key>['""]env['""])\s*:\s*\{[^{}]*\}")]
    private static partial System.Text.RegularExpressions.Regex EnvBlock();

    /// <summary>A string value as is; another comment shape (Salt sometimes returns a list) as compact JSON.</summary>
    private static string? Str(JsonNode? n) => n switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonArray a when a.All(x => x is JsonValue xv && xv.TryGetValue<string>(out _)) => string.Join('\n', a.Select(x => x!.GetValue<string>())),
        _ => n.ToJsonString(),
    };
}
