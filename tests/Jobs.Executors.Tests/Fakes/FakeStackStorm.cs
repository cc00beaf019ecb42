using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Jobs.Executors.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Jobs.Executors.Tests.Fakes;

/// <summary>How an execution ends: final status and result after a delay; null status = never finishes (stays <see cref="Waiting"/>).</summary>
public sealed record St2Outcome(string? Status, JsonNode? Result, TimeSpan Delay = default, string Waiting = "running");

/// <summary>
/// The st2 API per shared/contracts/STACKSTORM.md and st2-openapi.yaml: <c>St2-Api-Key</c> or <c>X-Auth-Token</c> (from
/// <c>POST /auth/v1/tokens</c> with Basic), executions create/get/delete/list, <c>{"faultstring"}</c> errors, 404 for an unknown
/// id, 200-with-faultstring when cancelling a finished execution. Every create body is validated against
/// <c>ExecutionRequest</c>; violations are answered 400 and kept in <see cref="SchemaViolations"/>.
/// </summary>
/// <remarks>
/// Two layouts (STACKSTORM.md §1): behind nginx (default) this one server answers <c>/api/v1/…</c> and <c>/auth/v1/…</c>;
/// with <c>servicePorts</c> it is st2api on its own port (<c>/v1/…</c>) and <see cref="Auth"/> is st2auth on another
/// (<c>/v1/tokens</c>), sharing the token store. A cancel goes <c>running → canceling → canceled</c> over <see cref="CancelDelay"/>.
/// </remarks>
public sealed class FakeStackStorm(SwaggerSchema schema, bool servicePorts = false) : FakeServer
{
    private readonly ConcurrentDictionary<string, Execution> _executions = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _traces = new();

    /// <summary>Executions created per host (<c>context.jobs.host</c>), counted in the handler and asserted by tests outside it.</summary>
    public ConcurrentDictionary<string, int> CreatesPerHost { get; } = new();

    public string ApiKey { get; set; } = "st2-key";
    public string Username { get; set; } = "st2admin";
    public string Password { get; set; } = "st2-pass";
    public TimeSpan TokenTtl { get; set; } = TimeSpan.FromHours(24);
    public HashSet<string> Actions { get; } = ["core.local", "core.remote", "ops.deploy_wf"];
    public ConcurrentQueue<string> SchemaViolations { get; } = new();
    public int TokensIssued;

    /// <summary>(action, parameters) → outcome. Default: succeeded with a core.local-style result.</summary>
    public Func<string, JsonObject, St2Outcome> Behavior { get; set; } = (_, p) => new St2Outcome("succeeded",
        new JsonObject { ["succeeded"] = true, ["failed"] = false, ["return_code"] = 0, ["stdout"] = "ran: " + p["cmd"], ["stderr"] = "" });

    /// <summary>How long a canceled running execution stays <c>canceling</c> (0 = canceled at once).</summary>
    public TimeSpan CancelDelay { get; set; }

    /// <summary>st2auth on its own port when the fake models the service ports; null behind nginx.</summary>
    public FakeStackStormAuth? Auth { get; } = servicePorts ? new FakeStackStormAuth() : null;

    private string ApiPrefix => servicePorts ? "/v1" : "/api/v1";

    public void ExpireTokens() => _tokens.Clear();

    public IReadOnlyCollection<string> ExecutionIds => _executions.Keys.ToList();

    public string? StatusOf(string id) => _executions.TryGetValue(id, out var e) ? e.CurrentStatus() : null;

    protected override void Map(WebApplication app)
    {
        if (Auth is null) app.MapPost("/auth/v1/tokens", IssueToken);
        else Auth.Issue = IssueToken;

        app.MapPost(ApiPrefix + "/executions", async (HttpRequest req) =>
        {
            if (AuthFailure(req) is { } denied) return denied;
            JsonNode? body;
            try { body = await ReadJsonAsync(req); }
            catch (System.Text.Json.JsonException) { return Fault(400, "Failed to parse request body"); }
            var violations = schema.Validate("ExecutionRequest", body);
            if (violations.Count > 0)
            {
                foreach (var v in violations) SchemaViolations.Enqueue(v);
                return Fault(400, string.Join("; ", violations));
            }
            var action = body!["action"]!.ToString();
            if (!Actions.Contains(action)) return Fault(400, $"Action \"{action}\" cannot be found.");
            var parameters = body["parameters"] as JsonObject ?? [];
            var id = Guid.NewGuid().ToString("N")[..24];
            var e = new Execution(id, action, (JsonObject)parameters.DeepClone(), DateTimeOffset.UtcNow, Behavior(action, parameters));
            _executions[id] = e;
            if (body["context"]?["jobs"]?["host"]?.ToString() is { } host) CreatesPerHost.AddOrUpdate(host, 1, (_, n) => n + 1);
            // st2 files the execution under the trace of context.trace_context.trace_tag (a new trace per create).
            var tag = body["context"]?["trace_context"]?["trace_tag"]?.ToString() ?? "execution-" + id;
            _traces.GetOrAdd(tag, _ => new ConcurrentQueue<string>()).Enqueue(id);
            return Json(e.ToJson(initial: true), 201);
        });

        app.MapGet(ApiPrefix + "/executions", (HttpRequest req, HttpResponse res) =>
        {
            if (AuthFailure(req) is { } denied) return denied;
            var limit = int.TryParse(req.Query["limit"], out var l) ? l : 50;
            res.Headers["X-Total-Count"] = _executions.Count.ToString(CultureInfo.InvariantCulture);
            res.Headers["X-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
            return Json(new JsonArray(_executions.Values.Take(limit).Select(e => (JsonNode)e.ToJson()).ToArray()));
        });

        app.MapGet(ApiPrefix + "/traces", (HttpRequest req) =>
        {
            if (AuthFailure(req) is { } denied) return denied;
            var tag = req.Query["trace_tag"].ToString();
            var traces = _traces.Where(t => tag.Length == 0 || t.Key == tag)
                .SelectMany(t => t.Value.Select(id => (JsonNode)new JsonObject
                {
                    ["id"] = "trace-" + id, ["trace_tag"] = t.Key, ["rules"] = new JsonArray(), ["trigger_instances"] = new JsonArray(),
                    ["action_executions"] = new JsonArray(new JsonObject
                    {
                        ["object_id"] = id, ["ref"] = _executions[id].Action, ["caused_by"] = new JsonObject(),
                    }),
                }))
                .ToArray();
            return Json(new JsonArray(traces));
        });

        app.MapGet(ApiPrefix + "/executions/{id}", (string id, HttpRequest req) =>
        {
            if (AuthFailure(req) is { } denied) return denied;
            return _executions.TryGetValue(id, out var e) ? Json(e.ToJson()) : Fault(404, $"Unable to identify resource with id \"{id}\".");
        });

        app.MapDelete(ApiPrefix + "/executions/{id}", (string id, HttpRequest req) =>
        {
            if (AuthFailure(req) is { } denied) return denied;
            if (!_executions.TryGetValue(id, out var e)) return Fault(404, $"Unable to identify resource with id \"{id}\".");
            var status = e.CurrentStatus();
            if (status == "canceled") return Json(e.ToJson());
            if (status is "succeeded" or "failed" or "timeout" or "abandoned")
                return Fault(200, $"Action cannot be canceled. State = {status}.");
            e.Cancel(CancelDelay);
            return Json(e.ToJson());
        });
    }

    /// <summary><c>POST /v1/tokens</c> with HTTP Basic (STACKSTORM.md §2): 201 with token and expiry.</summary>
    private IResult IssueToken(HttpRequest req)
    {
        var auth = req.Headers.Authorization.ToString();
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}"));
        if (auth != expected) return Fault(401, "Invalid or missing credentials");
        Interlocked.Increment(ref TokensIssued);
        var token = Guid.NewGuid().ToString("N");
        var expiry = DateTimeOffset.UtcNow + TokenTtl;
        _tokens[token] = expiry;
        return Json(new JsonObject
        {
            ["user"] = Username, ["token"] = token, ["expiry"] = expiry.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
            ["id"] = Guid.NewGuid().ToString("N")[..24], ["metadata"] = new JsonObject(),
        }, 201);
    }

    private IResult? AuthFailure(HttpRequest req)
    {
        var token = req.Headers["X-Auth-Token"].ToString();
        var key = req.Headers["St2-Api-Key"].ToString();
        if (token.Length > 0) return _tokens.TryGetValue(token, out var exp) && exp > DateTimeOffset.UtcNow ? null : Fault(401, "Unauthorized - Token has expired.");
        if (key.Length > 0) return key == ApiKey ? null : Fault(401, "Unauthorized - ApiKey with key_hash=... not found.");
        return Fault(401, "Unauthorized - One of Token or API key required.");
    }

    private static IResult Fault(int status, string message) => Json(new JsonObject { ["faultstring"] = message }, status);

    private sealed class Execution(string id, string action, JsonObject parameters, DateTimeOffset started, St2Outcome outcome)
    {
        private DateTimeOffset? _canceledAt;

        public string Action => action;

        public string CurrentStatus()
        {
            if (_canceledAt is { } at) return DateTimeOffset.UtcNow < at ? "canceling" : "canceled";
            if (outcome.Status is null) return outcome.Waiting;
            return DateTimeOffset.UtcNow >= started + outcome.Delay ? outcome.Status : "running";
        }

        /// <summary>A running execution passes through <c>canceling</c> for <paramref name="delay"/> (STACKSTORM.md §6).</summary>
        public void Cancel(TimeSpan delay) => _canceledAt ??= DateTimeOffset.UtcNow + delay;

        public JsonObject ToJson(bool initial = false)
        {
            var status = initial ? "requested" : CurrentStatus();
            var json = new JsonObject
            {
                ["id"] = id,
                ["action"] = new JsonObject { ["ref"] = action, ["runner_type"] = action == "core.remote" ? "remote-shell-cmd" : "local-shell-cmd" },
                ["status"] = status,
                ["parameters"] = parameters.DeepClone(),
                ["start_timestamp"] = Iso(started),
                ["web_url"] = $"https://st2.example/#/history/{id}/general",
                ["liveaction"] = new JsonObject { ["id"] = id[..12] + "ffffffffffff" },
                ["context"] = new JsonObject { ["user"] = "st2admin" },
            };
            if (status is "succeeded" or "failed" or "timeout" or "abandoned")
            {
                json["result"] = outcome.Result?.DeepClone();
                json["end_timestamp"] = Iso(started + outcome.Delay);
                json["elapsed_seconds"] = outcome.Delay.TotalSeconds;
            }
            else if (status == "canceled")
            {
                json["result"] = new JsonObject { ["message"] = "Action canceled by user.", ["user"] = "st2admin" };
                json["end_timestamp"] = Iso(_canceledAt!.Value);
            }
            return json;
        }

        private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);
    }
}

/// <summary>st2auth on its own port (<c>http://st2:9100/v1/tokens</c>), for the service-ports layout of <see cref="FakeStackStorm"/>.</summary>
public sealed class FakeStackStormAuth : FakeServer
{
    internal Func<HttpRequest, IResult> Issue { get; set; } = _ => Results.StatusCode(503);

    protected override void Map(WebApplication app) => app.MapPost("/v1/tokens", (HttpRequest req) => Issue(req));
}
