using Jobs.Core.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Jobs.Web.Infrastructure;

/// <summary>
/// While the database is away (PostgreSQL stopped or restarting, SQLite locked past its busy timeout — whatever the
/// dialect calls unavailable, <see cref="DatabaseDialect.IsUnavailable"/>), a request answers 503 with
/// <c>Retry-After</c>: pages a short explanation (<c>Views/Shared/Unavailable.cshtml</c>, no layout, so it needs no
/// database itself), the API an RFC 7807 problem. Never a 500 or a stack trace; the outage is logged once
/// (<see cref="DatabaseOutage"/>). It sits outside authentication, which reads users and API keys from the database.
/// </summary>
internal sealed class DatabaseUnavailableMiddleware(RequestDelegate next, DatabaseOutage outage)
{
    public const int RetryAfterSeconds = 10;
    public const string Title = "Database unavailable";
    public const string Detail = "JOBS cannot reach its database right now. Nothing was changed; try again in a few seconds.";

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested
                                   && outage.Report(ex, $"{context.Request.Method} {context.Request.Path}"))
        {
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (context.Request.Path.StartsWithSegments("/api")) await WriteProblemAsync(context);
            else await WritePageAsync(context);
        }
    }

    private static async Task WriteProblemAsync(HttpContext context)
    {
        var problem = context.RequestServices.GetRequiredService<ProblemDetailsFactory>()
            .CreateProblemDetails(context, StatusCodes.Status503ServiceUnavailable, Title, detail: Detail);
        await context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    private static Task WritePageAsync(HttpContext context)
    {
        var viewData = new ViewDataDictionary(new EmptyModelMetadataProvider(), new ModelStateDictionary())
        {
            ["Title"] = Title,
            ["RetryAfter"] = RetryAfterSeconds,
        };
        var result = new ViewResult
        {
            ViewName = "~/Views/Shared/Unavailable.cshtml",
            StatusCode = StatusCodes.Status503ServiceUnavailable,
            ViewData = viewData,
        };
        var action = new ActionContext(context, context.GetRouteData(), new ActionDescriptor());
        return context.RequestServices.GetRequiredService<IActionResultExecutor<ViewResult>>().ExecuteAsync(action, result);
    }
}
