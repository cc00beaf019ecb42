using System.Text.Json.Nodes;
using Jobs.Executors.Http;
using Refit;

namespace Jobs.Executors.Salt;

/// <summary>
/// salt-api (rest_cherrypy) as JOBS uses it, per shared/contracts/SALT.md: <c>POST /login</c> (eauth), lowstate on
/// <c>POST /</c> with the session in <c>X-Auth-Token</c>, and <c>GET /jobs/{jid}</c> (served through the <c>runner</c>
/// client, <c>jobs.list_job</c>). Responses are returned as they are; <see cref="SaltApiClient"/> reads them.
/// </summary>
[Headers("Accept: application/json")]
public interface ISaltApi
{
    /// <summary>Body <c>{username, password, eauth}</c>. Starts nothing, so it is retried like a read.</summary>
    [Post("/login")]
    Task<HttpResponseMessage> LoginAsync([Body] JsonObject credentials, [Property(CallKinds.Key)] CallKind kind, CancellationToken ct);

    /// <summary>A lowstate list; its kind depends on the chunk (<c>local_async</c> publishes: Write; a kill or probe: Read/Probe).</summary>
    [Post("/")]
    Task<HttpResponseMessage> RunAsync([Header("X-Auth-Token")] string token, [Body] JsonArray lowstate,
        [Property(CallKinds.Key)] CallKind kind, CancellationToken ct);

    [Get("/jobs/{jid}")]
    Task<HttpResponseMessage> JobAsync([Header("X-Auth-Token")] string token, string jid,
        [Property(CallKinds.Key)] CallKind kind, CancellationToken ct);
}
