using System.Text.Json.Nodes;
using Jobs.Executors.Http;
using Refit;

namespace Jobs.Executors.Agent;

/// <summary>
/// The host agent channel (contract: <c>docs/agent-api.yaml</c>), relative to its root; the bearer token is a default
/// header of the client.
/// </summary>
[Headers("Accept: application/json")]
public interface IAgentApi
{
    /// <summary>
    /// Creates a task. The <c>Idempotency-Key</c> makes a repeat return the task already created, so the create is retried
    /// like a read (the kind is passed as <see cref="CallKind.Read"/>), which salt-api and StackStorm do not allow.
    /// </summary>
    [Post("/api/v1/tasks")]
    Task<HttpResponseMessage> CreateTaskAsync([Body] JsonObject task, [Header("Idempotency-Key")] string idempotencyKey,
        [Property(CallKinds.Key)] CallKind kind, CancellationToken ct);

    [Get("/api/v1/tasks/{taskId}")]
    Task<HttpResponseMessage> GetTaskAsync(string taskId, CancellationToken ct);

    [Delete("/api/v1/tasks/{taskId}")]
    Task<HttpResponseMessage> CancelTaskAsync(string taskId, CancellationToken ct);

    [Get("/api/v1/health")]
    Task<HttpResponseMessage> HealthAsync([Property(CallKinds.Key)] CallKind kind, CancellationToken ct);
}
