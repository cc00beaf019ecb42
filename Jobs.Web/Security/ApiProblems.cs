using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace Jobs.Web.Security;

/// <summary>RFC 7807 answers written outside MVC (authentication challenges on API routes).</summary>
internal static class ApiProblems
{
    /// <summary>Callers that are programs: the JSON API and the metrics scrape answer 401/403 problems, never a redirect to /login.</summary>
    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api") || MetricsAccess.IsMetrics(context);

    public static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        var factory = context.RequestServices.GetRequiredService<ProblemDetailsFactory>();
        ProblemDetails problem = factory.CreateProblemDetails(context, status, title, detail: detail);
        context.Response.StatusCode = status;
        await context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }
}
