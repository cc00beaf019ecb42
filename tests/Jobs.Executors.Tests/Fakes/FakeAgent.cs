using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Jobs.Executors.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Jobs.Executors.Tests.Fakes;

/// <summary>How an agent task ends. Null <see cref="Status"/> = never finishes (stays running).</summary>
public sealed record AgentOutcome(string? Status, int? ExitCode, string Stdout = "", string Stderr = "", TimeSpan Delay = default, string? ErrorCode = null);

/// <summary>
/// The agent channel of docs/agent-api.yaml: bearer token, tasks with Idempotency-Key replay, 409 host_busy, 424
/// agent_unreachable, 404 not_found, health. Every create body is validated against <c>TaskRequest</c> of the contract.
/// </summary>
public sealed class FakeAgent(SwaggerSchema contract) : FakeServer
{
    private readonly ConcurrentDictionary<string, AgentTask> _tasks = new();
    private readonly ConcurrentDictionary<string, string> _byKey = new();

    public string Token { get; set; } = "agent-token";
    public HashSet<string> Unreachable { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Host → the task of someone else that holds it.</summary>
    public ConcurrentDictionary<string, string> Busy { get; } = new(StringComparer.OrdinalIgnoreCase);
    public ConcurrentQueue<string> SchemaViolations { get; } = new();
    public ConcurrentQueue<string> Canceled { get; } = new();

    public Func<string, string, AgentOutcome> Behavior { get; set; } = (host, cmd) => new AgentOutcome("succeeded", 0, $"{host}: ran {cmd}");

    public int TasksCreated => _tasks.Count;

    /// <summary>Tasks created per host, counted in the handler and asserted by tests outside it.</summary>
    public ConcurrentDictionary<string, int> TasksPerHost { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The next create is performed, but its answer comes only after this delay (a lost answer).</summary>
    public TimeSpan DelayNextCreateAnswer { get; set; }

    protected override void Map(WebApplication app)
    {
        app.MapGet("/api/v1/health", (HttpRequest req) =>
            !Authorized(req) ? Error(401, "unauthorized", "bad token")
                : Json(new JsonObject { ["status"] = "ok", ["version"] = "1.4.2", ["agentsConnected"] = 1234 }));

        app.MapPost("/api/v1/tasks", async (HttpRequest req) =>
        {
            if (!Authorized(req)) return Error(401, "unauthorized", "missing or invalid bearer token");
            JsonNode? body;
            try { body = await ReadJsonAsync(req); }
            catch (System.Text.Json.JsonException) { return Error(400, "invalid_request", "body is not JSON"); }
            var violations = contract.Validate("TaskRequest", body);
            if (violations.Count > 0)
            {
                foreach (var v in violations) SchemaViolations.Enqueue(v);
                return Error(400, "invalid_request", string.Join("; ", violations));
            }
            var key = req.Headers["Idempotency-Key"].ToString();
            if (key.Length > 0 && _byKey.TryGetValue(key, out var existing))
                return Json(new JsonObject { ["taskId"] = existing, ["status"] = _tasks[existing].Status() }, 200);
            var host = body!["host"]!.ToString();
            if (Unreachable.Contains(host))
                return Error(424, "agent_unreachable", $"no agent connected for host {host}");
            if (Busy.TryGetValue(host, out var holder))
                return Json(new JsonObject { ["code"] = "host_busy", ["message"] = $"{host} is running another task", ["runningTaskId"] = holder }, 409);
            var id = Guid.NewGuid().ToString("N")[..16];
            var command = body["command"]!.ToString();
            _tasks[id] = new AgentTask(id, host, DateTimeOffset.UtcNow, Behavior(host, command));
            if (key.Length > 0) _byKey[key] = id;
            TasksPerHost.AddOrUpdate(host, 1, (_, n) => n + 1);
            if (DelayNextCreateAnswer > TimeSpan.Zero)
            {
                var delay = DelayNextCreateAnswer;
                DelayNextCreateAnswer = TimeSpan.Zero;
                try { await Task.Delay(delay, req.HttpContext.RequestAborted); } catch (OperationCanceledException) { }
            }
            return Json(new JsonObject { ["taskId"] = id, ["status"] = "queued" }, 201);
        });

        app.MapGet("/api/v1/tasks/{id}", (string id, HttpRequest req) =>
        {
            if (!Authorized(req)) return Error(401, "unauthorized", "missing or invalid bearer token");
            return _tasks.TryGetValue(id, out var t) ? Json(t.ToJson()) : Error(404, "not_found", $"no task {id}");
        });

        app.MapDelete("/api/v1/tasks/{id}", (string id, HttpRequest req) =>
        {
            if (!Authorized(req)) return Error(401, "unauthorized", "missing or invalid bearer token");
            if (!_tasks.TryGetValue(id, out var t)) return Error(404, "not_found", $"no task {id}");
            if (t.Status() is "queued" or "running")
            {
                t.Cancel();
                Canceled.Enqueue(id);
                return Json(t.ToJson(), 202);
            }
            return Json(t.ToJson());
        });
    }

    private bool Authorized(HttpRequest req) => req.Headers.Authorization.ToString() == "Bearer " + Token;

    private static IResult Error(int status, string code, string message) =>
        Json(new JsonObject { ["code"] = code, ["message"] = message }, status);

    private sealed class AgentTask(string id, string host, DateTimeOffset started, AgentOutcome outcome)
    {
        private DateTimeOffset? _canceledAt;

        public string Status() =>
            _canceledAt is not null ? "canceled"
            : outcome.Status is null || DateTimeOffset.UtcNow < started + outcome.Delay ? "running"
            : outcome.Status;

        public void Cancel() => _canceledAt = DateTimeOffset.UtcNow;

        public JsonObject ToJson()
        {
            var status = Status();
            var done = status is not ("queued" or "running");
            return new JsonObject
            {
                ["taskId"] = id, ["host"] = host, ["status"] = status,
                ["exitCode"] = done && status != "canceled" ? outcome.ExitCode : null,
                ["stdout"] = done ? outcome.Stdout : "", ["stderr"] = done ? outcome.Stderr : "",
                ["startedAt"] = Iso(started),
                ["finishedAt"] = done ? Iso(_canceledAt ?? started + outcome.Delay) : null,
                ["error"] = status switch
                {
                    "failed" => new JsonObject { ["code"] = outcome.ErrorCode ?? "command_failed", ["message"] = outcome.ErrorCode == "agent_lost" ? "agent disconnected" : $"exit code {outcome.ExitCode}" },
                    "timeout" => new JsonObject { ["code"] = "timeout", ["message"] = "killed at timeoutSeconds" },
                    _ => null,
                },
            };
        }

        private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
    }
}
