using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Jobs.Web.Infrastructure;

/// <summary>
/// Request and response examples for the OpenAPI document, per operation (method + route template), so a reader sees
/// a real body for each call and what an error looks like. Kept beside the document setup, not in the controllers.
/// </summary>
public static class OpenApiExamples
{
    private const string JobRequest = """
        {"name": "patch openssl on order-api", "filter": "env=prod and app in (order-api, pay-api)", "executor": "simulated",
         "parameters": {"latencyMs": 200, "jitterMs": 100, "failureRate": 0, "seed": 1},
         "batches": "1%,5%,10%", "parallelism": 20, "hostTimeoutSeconds": 600, "stratify": true,
         "gates": {"maxFailurePercent": 10, "bakeSeconds": 30, "manualApproval": false}, "onGateFailure": "Pause"}
        """;

    private const string Totals = """
        {"hosts": 188, "pending": 150, "running": 20, "succeeded": 18, "failed": 0, "timedOut": 0, "canceled": 0, "skipped": 0,
         "successRate": 100, "durationP50Ms": 210, "durationP95Ms": 290, "etaSeconds": 42}
        """;

    private static readonly string Job = $$$"""
        {"id": 42, "name": "patch openssl on order-api", "description": "", "status": "Running", "stopReason": null, "stopKind": null,
         "executor": "simulated", "isSimulation": true, "filter": "env=prod and app in (order-api, pay-api)", "batchPlan": "1%,5%,10%",
         "parallelism": 20, "hostTimeoutSeconds": 600, "stratify": true, "maxPerAppPercent": null,
         "gates": {"maxFailurePercent": 10, "maxTotalFailures": null, "bakeSeconds": 30, "httpProbe": null, "prometheus": null, "manualApproval": false},
         "onGateFailure": "Pause", "createdBy": "alice", "createdAt": "2026-12-01T03:34:00Z", "startAt": null,
         "startedAt": "2026-12-01T03:34:01Z", "finishedAt": null, "excludedHosts": 3, "totals": {{{Totals}}},
         "batches": [{"index": 1, "size": 2, "status": "Succeeded", "pending": 0, "running": 0, "succeeded": 2, "failed": 0, "timedOut": 0,
           "canceled": 0, "skipped": 0, "durationP50Ms": 205, "durationP95Ms": 230, "startedAt": "2026-12-01T03:34:01Z",
           "finishedAt": "2026-12-01T03:34:32Z", "bakeUntil": "2026-12-01T03:35:02Z", "approvedBy": null, "approvedAt": null,
           "gate": {"passed": true, "reason": "failure rate 0% ≤ 10%"}}]}
        """;

    private const string ValidationProblem = """
        {"type": "https://tools.ietf.org/html/rfc9110#section-15.5.1", "title": "The request is not valid; nothing was changed.", "status": 400,
         "errors": {"parallelism": ["'parallelism' must be a whole number, e.g. 20."],
                    "paralelism": ["'paralelism' is not a field of this request. Did you mean 'parallelism'? Known fields: name, description, …"]}}
        """;

    private const string NotFound = """{"type": "https://tools.ietf.org/html/rfc9110#section-15.5.5", "title": "Job not found", "status": 404, "detail": "Job 42 does not exist."}""";

    private const string Conflict = """{"type": "https://tools.ietf.org/html/rfc9110#section-15.5.10", "title": "The job's status does not allow this", "status": 409, "detail": "Cannot resume job 42: it is Running; resume needs Paused."}""";

    private static readonly Dictionary<string, (string? Request, string? RequestType, (int Status, string Body)[] Responses)> ByOperation = new()
    {
        ["POST api/v1/jobs"] = (JobRequest, "application/json", [(201, Job), (400, ValidationProblem)]),
        ["POST api/v1/jobs/preview"] = (JobRequest, "application/json", [(200, """
            {"totalTargets": 188, "excludedCount": 3, "excludedSample": [{"hostname": "order-api-sh1-prod-007", "reason": "offline"}],
             "batches": [{"index": 1, "size": 2, "firstHosts": ["order-api-sh1-prod-001", "pay-api-bj1-prod-003"]}],
             "warnings": ["Simulation: results are made up by the simulator; nothing runs on the hosts."]}
            """), (400, ValidationProblem)]),
        ["GET api/v1/jobs"] = (null, null, [(200, $$$"""{"total": 1, "items": [{"id": 42, "name": "patch openssl on order-api", "status": "Running", "stopReason": null, "executor": "simulated", "isSimulation": true, "createdAt": "2026-12-01T03:34:00Z", "startedAt": "2026-12-01T03:34:01Z", "finishedAt": null, "totals": {{{Totals}}}}]}"""),
            (400, """{"title": "The request is not valid; nothing was changed.", "status": 400, "errors": {"status": ["'bogus' is not valid for 'status'; it must be one of \"Scheduled\", \"Running\", \"AwaitingApproval\", \"Paused\", \"Succeeded\", \"CompletedWithFailures\", \"Aborted\"."]}}""")]),
        ["GET api/v1/jobs/{id}"] = (null, null, [(200, Job), (404, NotFound)]),
        ["GET api/v1/jobs/{id}/hosts"] = (null, null, [(200, """
            {"total": 188, "items": [{"hostname": "order-api-sh1-prod-001", "ip": "10.0.0.11", "idc": "SH1", "app": "order-api", "batch": 1,
              "status": "Failed", "attempt": 1, "exitCode": 2, "category": "Environment", "startedAt": "2026-12-01T03:34:01Z",
              "finishedAt": "2026-12-01T03:34:02Z", "durationMs": 1200, "stdout": "", "stderr": "connection refused"}]}
            """), (404, NotFound)]),
        ["POST api/v1/jobs/{id}/{control}"] = (null, null, [(200, Job), (404, NotFound), (409, Conflict)]),
        ["POST api/v1/jobs/{id}/hosts/{hostname}/{control}"] = (null, null, [(200, Job), (404, NotFound), (409, Conflict)]),
        ["GET api/v1/servers"] = (null, null, [(200, """
            {"total": 1, "items": [{"hostname": "order-api-sh1-prod-001", "ip": "10.0.0.11", "idc": "SH1", "env": "prod", "app": "order-api",
              "role": "web", "os": "linux", "status": "online", "owner": "team-order", "tags": ["canary"], "isDemo": true}]}
            """), (400, """{"title": "Invalid filter", "status": 400, "detail": "at character 18: expected a value after '=', found end of filter", "errors": {"filter": ["at character 18: expected a value after '=', found end of filter"]}}""")]),
        ["POST api/v1/servers/import"] = ("hostname,ip,idc,env,app,role,os,status,owner,tags\norder-api-sh1-prod-001,10.0.0.11,SH1,prod,order-api,web,linux,online,team-order,canary;web\n",
            "text/csv", [(200, """{"inserted": 1, "updated": 0, "unchanged": 0}"""),
            (400, """{"title": "Import failed; nothing was written", "status": 400, "errors": [{"line": 2, "message": "status 'up' is not online, offline or maintenance"}]}""")]),
    };

    public static Task Apply(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var d = context.Description;
        var key = System.Text.RegularExpressions.Regex.Replace($"{d.HttpMethod} {d.RelativePath?.Split('?')[0]}", @"\{(\w+)(:[^}]*)?\}", "{$1}");
        if (!ByOperation.TryGetValue(key, out var examples)) return Task.CompletedTask;
        if (examples.Request is { } request)
        {
            var mediaType = examples.RequestType!;
            operation.RequestBody ??= new OpenApiRequestBody { Required = true };
            var body = (OpenApiRequestBody)operation.RequestBody;
            body.Content ??= new Dictionary<string, OpenApiMediaType>();
            if (!body.Content.TryGetValue(mediaType, out var media))
                body.Content[mediaType] = media = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
            media.Example = mediaType == "text/csv" ? JsonValue.Create(request) : JsonNode.Parse(request);
        }
        operation.Responses ??= new OpenApiResponses();
        // Create answers 201 with the job (the action's type says 200): the schema moves to the status really sent.
        if (examples.Responses.Any(r => r.Status == 201) && operation.Responses.Remove("200", out var ok))
            operation.Responses["201"] = ok;
        foreach (var (status, json) in examples.Responses)
        {
            var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var type = status >= 400 ? "application/problem+json" : "application/json";
            if (!operation.Responses.TryGetValue(code, out var response))
                operation.Responses[code] = response = new OpenApiResponse();
            var concrete = (OpenApiResponse)response;
            concrete.Description = Describe(status, concrete.Description);
            concrete.Content ??= new Dictionary<string, OpenApiMediaType>();
            var media = concrete.Content.TryGetValue(type, out var m) ? m : concrete.Content.Values.FirstOrDefault() ?? (concrete.Content[type] = new OpenApiMediaType());
            media.Example = JsonNode.Parse(json);
        }
        return Task.CompletedTask;
    }

    private static string Describe(int status, string? current) => status switch
    {
        200 => current is { Length: > 0 } ? current : "OK",
        201 => "Created: the job, with its planned batches.",
        400 => "The request is not valid (problem details with per-field errors); nothing was changed.",
        404 => "No such job.",
        409 => "The job's status does not allow this control (the reason is in detail).",
        _ => current ?? "",
    };
}
