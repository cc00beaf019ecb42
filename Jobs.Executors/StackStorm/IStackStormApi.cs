using System.Text.Json.Nodes;
using Jobs.Executors.Http;
using Refit;

namespace Jobs.Executors.StackStorm;

/// <summary>
/// st2api as JOBS uses it (shared/contracts/STACKSTORM.md §3–6), relative to the API root: <c>https://st2/api</c> behind
/// nginx or <c>http://st2:9101</c> on the service port. Authenticated with <c>St2-Api-Key</c> (a default header of the
/// client) or <c>X-Auth-Token</c> (a token from <see cref="IStackStormAuthApi"/>; null when the API key is used).
/// </summary>
[Headers("Accept: application/json")]
public interface IStackStormApi
{
    /// <summary>Creates an execution: starts work, so never retried once a connection was made (a POST counts as a Write).</summary>
    [Post("/v1/executions")]
    Task<HttpResponseMessage> CreateExecutionAsync([Header("X-Auth-Token")] string? token, [Body] JsonObject request, CancellationToken ct);

    [Get("/v1/executions/{id}")]
    Task<HttpResponseMessage> GetExecutionAsync([Header("X-Auth-Token")] string? token, string id, CancellationToken ct);

    /// <summary>Cancels; idempotent (an already canceled execution answers 200 unchanged), so retried like a read.</summary>
    [Delete("/v1/executions/{id}")]
    Task<HttpResponseMessage> CancelExecutionAsync([Header("X-Auth-Token")] string? token, string id, CancellationToken ct);

    /// <summary>Traces with a tag (st2-openapi.yaml <c>/api/v1/traces</c>): how a create whose answer was lost is found again.</summary>
    [Get("/v1/traces")]
    Task<HttpResponseMessage> FindTracesAsync([Header("X-Auth-Token")] string? token, [AliasAs("trace_tag")] [Query] string traceTag, CancellationToken ct);

    /// <summary>The connection test: proves the credentials and the API without starting anything.</summary>
    [Get("/v1/executions?limit=1&include_attributes=id,status")]
    Task<HttpResponseMessage> ListOneExecutionAsync([Header("X-Auth-Token")] string? token, [Property(CallKinds.Key)] CallKind kind,
        CancellationToken ct);
}

/// <summary>
/// st2auth (STACKSTORM.md §2), relative to the auth root: <c>https://st2/auth</c> behind nginx or <c>http://st2:9100</c>.
/// </summary>
[Headers("Accept: application/json")]
public interface IStackStormAuthApi
{
    /// <summary><c>Authorization: Basic …</c>; answers 201 with <c>{token, expiry}</c>. Starts nothing: retried like a read.</summary>
    [Post("/v1/tokens")]
    Task<HttpResponseMessage> CreateTokenAsync([Header("Authorization")] string basicAuthorization, [Body] JsonObject request,
        [Property(CallKinds.Key)] CallKind kind, CancellationToken ct);
}
