using System.Text.Json.Nodes;

namespace Jobs.Executors.Salt;

/// <summary>
/// A job's Salt parameters: <c>{"function": "cmd.run_all", "command": "…", "shell": false}</c> or
/// <c>{"function": "state.apply", "state": "…", "pillar": {…}, "test": false}</c>; turned into a lowstate chunk
/// (<c>fun</c>, <c>arg</c>, <c>kwarg</c>).
/// </summary>
internal static class SaltParameters
{
    public const string CmdRunAll = "cmd.run_all";
    public const string StateApply = "state.apply";

    /// <summary>Without <c>"shell"</c> a command runs without a shell, like the local executor (and recent Salt's default).</summary>
    public const bool DefaultShell = false;

    private static readonly string[] CmdKeys = ["function", "command", "shell"];
    private static readonly string[] StateKeys = ["function", "state", "pillar", "test"];

    public static IReadOnlyList<string> Validate(JsonObject p)
    {
        var errors = new List<string>();
        var function = p["function"] is JsonValue fv && fv.TryGetValue<string>(out var f) ? f : null;
        switch (function)
        {
            case CmdRunAll:
                if (!IsNonEmptyString(p["command"])) errors.Add("parameters.command is required for cmd.run_all (the command to run)");
                if (p["shell"] is not null && !IsBool(p["shell"]))
                    errors.Add("parameters.shell must be true (run through the minion's shell: pipes, &&, $VAR) or false (run the program directly)");
                Unknown(p, CmdKeys, errors);
                break;
            case StateApply:
                if (!IsNonEmptyString(p["state"])) errors.Add("parameters.state is required for state.apply (e.g. \"nginx\"; a highstate is not run implicitly)");
                if (p["pillar"] is not null and not JsonObject) errors.Add("parameters.pillar must be a JSON object");
                if (p["test"] is not null && !IsBool(p["test"])) errors.Add("parameters.test must be true or false");
                Unknown(p, StateKeys, errors);
                break;
            case null:
                errors.Add("parameters.function is required: \"cmd.run_all\" or \"state.apply\"");
                break;
            default:
                errors.Add($"parameters.function must be \"cmd.run_all\" or \"state.apply\" (got \"{function}\")");
                break;
        }
        return errors;
    }

    /// <summary>The lowstate chunk without client/target; the same for every host whose rendered parameters are equal.</summary>
    public static JsonObject ToLowstate(JsonObject p)
    {
        var function = p["function"]!.GetValue<string>();
        var chunk = new JsonObject { ["fun"] = function };
        if (function == CmdRunAll)
        {
            chunk["arg"] = new JsonArray(p["command"]!.GetValue<string>());
            // Always explicit: Salt's own default changed between versions (3006+ runs remote cmd.run* without a shell), so
            // "echo x; exit 0" would silently echo "x; exit 0" on one master and run two commands on another (issue 11).
            var shell = p["shell"] is JsonValue sv && sv.TryGetValue<bool>(out var b) ? b : DefaultShell;
            chunk["kwarg"] = new JsonObject { ["python_shell"] = shell };
        }
        else
        {
            chunk["arg"] = new JsonArray(p["state"]!.GetValue<string>());
            var kwarg = new JsonObject();
            if (p["pillar"] is JsonObject pillar) kwarg["pillar"] = pillar.DeepClone();
            if (p["test"] is JsonValue t && t.GetValue<bool>()) kwarg["test"] = true;
            if (kwarg.Count > 0) chunk["kwarg"] = kwarg;
        }
        return chunk;
    }

    private static bool IsBool(JsonNode? n) => n is JsonValue v && v.TryGetValue<bool>(out _);

    private static bool IsNonEmptyString(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s);

    private static void Unknown(JsonObject p, string[] allowed, List<string> errors)
    {
        foreach (var (k, _) in p)
        {
            if (!allowed.Contains(k)) errors.Add($"parameters.{k} is not a parameter of {p["function"]} (allowed: {string.Join(", ", allowed)})");
        }
    }
}
