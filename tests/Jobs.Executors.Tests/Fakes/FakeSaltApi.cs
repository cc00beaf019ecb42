using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Jobs.Executors.Tests.Fakes;

/// <summary>What a minion answers to a published job: its return value and retcode, after a delay. Null = never returns.</summary>
public sealed record MinionReply(JsonNode? Return, int Retcode, TimeSpan Delay = default);

/// <summary>
/// salt-api rest_cherrypy as described in shared/contracts/SALT.md: <c>/login</c> (eauth, 401 on bad credentials),
/// lowstate on <c>POST /</c> (list body, <c>netapi_enable_clients</c>, 400/401/406), <c>local_async</c> (<c>{jid, minions}</c>,
/// <c>{}</c> on no match), <c>GET /jobs/{jid}</c> (<c>info</c>/<c>return</c>, Error for an unknown jid). Minions with accepted keys
/// are <see cref="Minions"/>; what they answer comes from <see cref="Behavior"/>.
/// </summary>
public sealed class FakeSaltApi : FakeServer
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _sessions = new();
    private readonly ConcurrentDictionary<string, SaltJob> _jobs = new();
    private long _jidCounter;

    public string Username { get; set; } = "svc-jobs";
    public string Password { get; set; } = "salt-pass";
    public string Eauth { get; set; } = "pam";
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);
    public HashSet<string> EnabledClients { get; } = ["local", "local_async", "runner"];
    public HashSet<string> Minions { get; } = new(StringComparer.Ordinal);

    /// <summary>Accepted minions that are down: they are targeted, never return and do not answer <c>saltutil.find_job</c>.</summary>
    public HashSet<string> DeadMinions { get; } = new(StringComparer.Ordinal);

    /// <summary>(minion, fun, arg, kwarg) → reply; default: cmd.run_all echoes the command with exit 0.</summary>
    public Func<string, string, JsonArray, JsonObject?, MinionReply?> Behavior { get; set; } =
        (_, fun, arg, _) => fun == "cmd.run_all"
            ? new MinionReply(new JsonObject { ["pid"] = 42, ["retcode"] = 0, ["stdout"] = "ran: " + arg[0], ["stderr"] = "" }, 0)
            : new MinionReply(true, 0);

    public int Logins;
    public ConcurrentQueue<(string Jid, string Minion)> Kills { get; } = new();

    /// <summary>Forgets every session, as a salt-api restart does (sessions live in the worker's memory).</summary>
    public void DropSessions() => _sessions.Clear();

    /// <summary>Forgets a job, as the job cache does after keep_jobs.</summary>
    public void ForgetJob(string jid) => _jobs.TryRemove(jid, out _);

    public IReadOnlyCollection<string> Jids => _jobs.Keys.ToList();

    protected override void Map(WebApplication app)
    {
        app.MapPost("/login", async (HttpRequest req, HttpResponse res) =>
        {
            if (!IsJson(req)) return Results.StatusCode(406);
            var body = await ReadJsonAsync(req);
            if (body?["username"]?.ToString() != Username || body?["password"]?.ToString() != Password || body?["eauth"]?.ToString() != Eauth)
                return Results.Text("<html><body><h2>401 Unauthorized</h2><p>Could not authenticate using provided credentials</p></body></html>", "text/html", statusCode: 401);
            Interlocked.Increment(ref Logins);
            var token = Guid.NewGuid().ToString("N");
            var now = DateTimeOffset.UtcNow;
            var expire = now + TokenLifetime;
            _sessions[token] = expire;
            res.Headers["X-Auth-Token"] = token;
            return Json(new JsonObject
            {
                ["return"] = new JsonArray(new JsonObject
                {
                    ["token"] = token, ["expire"] = expire.ToUnixTimeMilliseconds() / 1000.0, ["start"] = now.ToUnixTimeMilliseconds() / 1000.0,
                    ["user"] = Username, ["eauth"] = Eauth, ["perms"] = new JsonArray(".*", "@jobs"),
                }),
            });
        });

        app.MapPost("/", async (HttpRequest req) =>
        {
            if (!Authorized(req)) return Unauthorized();
            if (!IsJson(req) || !AcceptsJson(req)) return Results.StatusCode(406);
            JsonNode? body;
            try { body = await ReadJsonAsync(req); }
            catch (System.Text.Json.JsonException) { return Results.Text("400 Bad Request: Could not parse request body", "text/html", statusCode: 400); }
            var chunks = body switch { JsonArray a => a, JsonObject o => new JsonArray(o.DeepClone()), _ => null };
            if (chunks is null) return Results.Text("400 Bad Request: Lowstates must be a list", "text/html", statusCode: 400);
            var results = new JsonArray();
            foreach (var chunk in chunks.OfType<JsonObject>())
            {
                var client = chunk["client"]?.ToString() ?? "";
                if (!EnabledClients.Contains(client))
                    return CherryPyError(400, $"Client disabled: '{client}'. Add to 'netapi_enable_clients' master config option to enable.");
                if (client == "local") results.Add(RunSync(chunk));
                else if (client == "local_async") results.Add(Publish(chunk));
                else if (client == "runner" && chunk["fun"]?.ToString() == "jobs.list_jobs") results.Add(ListJobs(chunk));
                else return Results.Text("400 Bad Request: fake supports local and local_async only", "text/html", statusCode: 400);
            }
            return Json(new JsonObject { ["return"] = results });
        });

        app.MapGet("/jobs/{jid}", (string jid, HttpRequest req) =>
        {
            if (!Authorized(req)) return Unauthorized();
            if (!AcceptsJson(req)) return Results.StatusCode(406);
            // /jobs runs the jobs.list_job runner, so a master without the runner client refuses it with CherryPy's HTML page.
            if (!EnabledClients.Contains("runner")) return CherryPyError(400, "Client disabled: 'runner'. Add to 'netapi_enable_clients' master config option to enable.");
            if (!_jobs.TryGetValue(jid, out var job))
            {
                return Json(new JsonObject
                {
                    ["info"] = new JsonArray(new JsonObject
                    {
                        ["jid"] = jid, ["Error"] = "Cannot contact returner or no job with this jid", ["StartTime"] = "", ["Result"] = new JsonObject(),
                    }),
                    ["return"] = new JsonArray(new JsonObject()),
                });
            }
            var result = new JsonObject();
            var ret = new JsonObject();
            foreach (var (minion, reply) in job.Replies)
            {
                if (reply is null || DateTimeOffset.UtcNow < job.Started + reply.Delay) continue;
                result[minion] = new JsonObject { ["return"] = reply.Return?.DeepClone(), ["retcode"] = reply.Retcode, ["success"] = reply.Retcode == 0 };
                ret[minion] = reply.Return?.DeepClone();
            }
            return Json(new JsonObject
            {
                ["info"] = new JsonArray(new JsonObject
                {
                    ["jid"] = jid, ["Function"] = job.Fun, ["Arguments"] = job.Arg.DeepClone(), ["Target"] = new JsonArray(job.Replies.Keys.Select(k => (JsonNode)k!).ToArray()),
                    ["Target-type"] = "list", ["User"] = Username, ["Minions"] = new JsonArray(job.Replies.Keys.Select(k => (JsonNode)k!).ToArray()),
                    ["StartTime"] = job.Started.ToString("yyyy, MMM dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture), ["Result"] = result,
                }),
                ["return"] = new JsonArray(ret),
            });
        });
    }

    /// <summary>
    /// The <c>jobs.list_jobs</c> runner (salt/runners/jobs.py): jid → summary with <c>Target</c> and, when the job had
    /// metadata, <c>Metadata</c>; <c>search_metadata</c> keeps jobs with any of the given key/value pairs.
    /// </summary>
    private JsonObject ListJobs(JsonObject chunk)
    {
        var search = (chunk["kwarg"]?["search_metadata"] ?? chunk["search_metadata"]) as JsonObject;
        var list = new JsonObject();
        foreach (var (jid, job) in _jobs)
        {
            if (search is not null && (job.Metadata is null || !search.Any(kv => job.Metadata[kv.Key]?.ToJsonString() == kv.Value?.ToJsonString())))
                continue;
            var entry = new JsonObject
            {
                ["Function"] = job.Fun, ["Arguments"] = job.Arg.DeepClone(), ["Target"] = new JsonArray(job.Replies.Keys.Select(k => (JsonNode)k!).ToArray()),
                ["Target-type"] = "list", ["User"] = Username, ["StartTime"] = job.Started.ToString("yyyy, MMM dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
            };
            if (job.Metadata is not null) entry["Metadata"] = job.Metadata.DeepClone();
            list[jid] = entry;
        }
        return list;
    }

    /// <summary>Publishes per minion (kills excluded), counted in the handler and asserted by tests outside it.</summary>
    public ConcurrentDictionary<string, int> PublishesPerMinion { get; } = new();

    private JsonObject Publish(JsonObject chunk)
    {
        var fun = chunk["fun"]?.ToString() ?? "";
        var arg = chunk["arg"] switch { JsonArray a => (JsonArray)a.DeepClone(), null => [], var x => new JsonArray(x.DeepClone()) };
        var kwarg = chunk["kwarg"] as JsonObject;
        var matched = Targets(chunk);
        if (matched.Count == 0) return new JsonObject(); // no minion matched: nothing published, no jid

        var jid = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + Interlocked.Increment(ref _jidCounter).ToString("D6", CultureInfo.InvariantCulture);
        if (fun == "saltutil.kill_job")
        {
            foreach (var m in matched) Kills.Enqueue((arg[0]!.ToString(), m));
            _jobs[jid] = new SaltJob(fun, arg, DateTimeOffset.UtcNow, matched.ToDictionary(m => m, m => (MinionReply?)new MinionReply(true, 0)), null);
        }
        else
        {
            _jobs[jid] = new SaltJob(fun, arg, DateTimeOffset.UtcNow,
                matched.ToDictionary(m => m, m => DeadMinions.Contains(m) ? null : Behavior(m, fun, arg, kwarg)), chunk["metadata"]?.DeepClone() as JsonObject);
            foreach (var m in matched) PublishesPerMinion.AddOrUpdate(m, 1, (_, n) => n + 1);
        }
        return new JsonObject { ["jid"] = jid, ["minions"] = new JsonArray(matched.Select(m => (JsonNode)m!).ToArray()) };
    }

    /// <summary>
    /// The sync <c>local</c> client: <c>saltutil.find_job</c> answers, per targeted minion, the job it still runs, <c>{}</c>
    /// when it runs nothing with that jid, and <c>false</c> for a dead minion (3006–3008 behaviour); <c>test.ping</c> answers
    /// true per matched minion, <c>{}</c> when none matched.
    /// </summary>
    private JsonObject RunSync(JsonObject chunk)
    {
        var fun = chunk["fun"]?.ToString() ?? "";
        var targets = Targets(chunk);
        var answers = new JsonObject();
        foreach (var m in targets)
        {
            if (fun == "saltutil.find_job") FindJobs.Enqueue(m);
            if (DeadMinions.Contains(m)) { answers[m] = false; continue; }
            if (fun == "saltutil.find_job")
            {
                var jid = chunk["arg"]?[0]?.ToString() ?? "";
                answers[m] = _jobs.TryGetValue(jid, out var job) && job.Replies.TryGetValue(m, out var reply) &&
                             (reply is null || DateTimeOffset.UtcNow < job.Started + reply.Delay)
                    ? new JsonObject { ["jid"] = jid, ["fun"] = job.Fun, ["pid"] = 4242 }
                    : new JsonObject();
            }
            else answers[m] = true;
        }
        return answers;
    }

    /// <summary>Minions asked <c>saltutil.find_job</c>, in order.</summary>
    public ConcurrentQueue<string> FindJobs { get; } = new();

    private List<string> Targets(JsonObject chunk) => (chunk["tgt_type"]?.ToString() == "list"
            ? chunk["tgt"] switch { JsonArray a => a.Select(x => x!.ToString()).ToList(), var t => t?.ToString().Split(',').ToList() ?? [] }
            : Minions.Where(m => GlobMatch(chunk["tgt"]?.ToString() ?? "", m)).ToList())
        .Where(Minions.Contains).Distinct().ToList();

    /// <summary>CherryPy's default error page, which salt-api sends for 4xx/503 even to JSON requests (SALT.md §7).</summary>
    public static IResult CherryPyError(int status, string message) =>
        Results.Text(CherryPyPage(status, message), "text/html;charset=utf-8", statusCode: status);

    public static string CherryPyPage(int status, string message)
    {
        var title = $"{status} {(status == 400 ? "Bad Request" : "Error")}";
        return $$"""
            <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
            <html>
            <head>
                <meta http-equiv="Content-Type" content="text/html; charset=utf-8"></meta>
                <title>{{title}}</title>
                <style type="text/css">
                #powered_by { margin-top: 20px; border-top: 2px solid black; font-style: italic; }
                #traceback { color: red; }
                </style>
            </head>
                <body>
                    <h2>{{title}}</h2>
                    <p>{{System.Net.WebUtility.HtmlEncode(message)}}</p>
                    <pre id="traceback"></pre>
                <div id="powered_by">
                  <span>
                    Powered by <a href="http://www.cherrypy.dev">CherryPy 18.10.0</a>
                  </span>
                </div>
                </body>
            </html>
            """;
    }

    private bool Authorized(HttpRequest req) =>
        req.Headers["X-Auth-Token"].ToString() is { Length: > 0 } t && _sessions.TryGetValue(t, out var exp) && exp > DateTimeOffset.UtcNow;

    private static IResult Unauthorized() =>
        Results.Text("<html><body><h2>401 Unauthorized</h2><p>No permission -- see authorization schemes</p></body></html>", "text/html", statusCode: 401);

    private static bool IsJson(HttpRequest req) => req.ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true;

    private static bool AcceptsJson(HttpRequest req)
    {
        var accept = req.Headers.Accept.ToString();
        return accept.Length == 0 || accept.Contains("application/json", StringComparison.Ordinal) || accept.Contains("*/*", StringComparison.Ordinal);
    }

    private static bool GlobMatch(string pattern, string name) =>
        pattern == "*" || string.Equals(pattern, name, StringComparison.Ordinal);

    private sealed record SaltJob(string Fun, JsonArray Arg, DateTimeOffset Started, Dictionary<string, MinionReply?> Replies, JsonObject? Metadata);
}
