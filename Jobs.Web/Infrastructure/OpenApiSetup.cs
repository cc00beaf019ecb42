using Scalar.AspNetCore;

namespace Jobs.Web.Infrastructure;

/// <summary>
/// The JSON API described for people and tools: the OpenAPI document at <c>/openapi/v1.json</c>
/// (Microsoft.AspNetCore.OpenApi, with request and response examples from <see cref="OpenApiExamples"/>) and a
/// browsable reference at <c>/api/docs</c> (Scalar).
/// </summary>
/// <remarks>
/// The reference works offline: Scalar.AspNetCore serves its standalone bundle from the assembly
/// (<c>/api/docs/scalar.js</c>), its default web fonts (from Scalar's CDN) are switched off and so is its telemetry,
/// so the page loads nothing from outside the JOBS server. Its page needs inline script and styles, which the site's
/// Content-Security-Policy allows on this path only (<see cref="Security.SecurityHeaders.ApiReferencePolicy"/>).
/// </remarks>
public static class OpenApiSetup
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = Security.SecurityHeaders.ApiReferencePath;

    public static IServiceCollection AddJobsOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi("v1", o =>
        {
            // Only the JSON API: the MVC pages are for browsers, not clients.
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info.Title = "JOBS API";
                doc.Info.Description = "Batch and canary jobs across the server inventory. JSON is camelCase with enums as strings; " +
                    "unknown fields are rejected; errors are RFC 7807 problem details (400 with per-field errors, 404, 409 with the reason).";
                return Task.CompletedTask;
            });
            o.AddOperationTransformer(OpenApiExamples.Apply);
        });
        return services;
    }

    public static void MapJobsApiReference(this WebApplication app)
    {
        // Readers of the API are Viewers like any reader of the pages (the fallback policy denies unnamed endpoints).
        app.MapOpenApi("/openapi/{documentName}.json").RequireAuthorization(Security.Policies.Viewer);
        app.MapScalarApiReference(ReferencePath, o =>
        {
            o.WithTitle("JOBS API reference")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp();
        }).RequireAuthorization(Security.Policies.Viewer);
    }
}
