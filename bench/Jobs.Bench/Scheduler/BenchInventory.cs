using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Jobs.Bench.Scheduler;

/// <summary>
/// The servers the bench imports (through the CSV import API) and the job requests it sends. Nested tiers, so one
/// import serves every size: <c>app=b1k</c> is 1,000 hosts, <c>app in (b1k, b10k)</c> 10,000, <c>env=prod</c> all of them.
/// </summary>
public static class BenchInventory
{
    public static string Csv(int count)
    {
        var sb = new StringBuilder("hostname,ip,idc,env,app,role,os,status,owner,tags\n");
        for (var i = 0; i < count; i++)
        {
            var app = i < 1_000 ? "b1k" : i < 10_000 ? "b10k" : "b100k";
            sb.Append(CultureInfo.InvariantCulture,
                $"bench-{i:D6},10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256},idc{i % 4},prod,{app},web,linux,online,ops,\n");
        }
        return sb.ToString();
    }

    public static string FilterFor(int hosts) => hosts switch
    {
        1_000 => "app=b1k",
        10_000 => "app in (b1k, b10k)",
        _ => "env=prod",
    };

    /// <summary>The <c>simulated</c> executor with no latency, no jitter, no failures.</summary>
    public static JsonObject Simulated(string name, int hosts, int parallelism, int latencyMs = 0, int jitterMs = 0) =>
        Request(name, hosts, "simulated", new JsonObject { ["latencyMs"] = latencyMs, ["jitterMs"] = jitterMs, ["failureRate"] = 0 }, parallelism);

    /// <summary>The <c>local</c> executor running <paramref name="command"/> (no shell) once per host.</summary>
    public static JsonObject Local(string name, int hosts, int parallelism, params string[] command) =>
        Request(name, hosts, "local", new JsonObject { ["command"] = new JsonArray([.. command.Select(c => JsonValue.Create(c))]) }, parallelism);

    private static JsonObject Request(string name, int hosts, string executor, JsonObject parameters, int parallelism) => new()
    {
        ["name"] = name,
        ["filter"] = FilterFor(hosts),
        ["executor"] = executor,
        ["parameters"] = parameters,
        ["batches"] = "1%,5%,10%",
        ["parallelism"] = parallelism,
        // The default failure gate (10 %); no bake, no probe: nothing waits between batches but the gate's own check.
        ["gates"] = new JsonObject { ["maxFailurePercent"] = 10 },
    };
}
