using Jobs.Core.Filtering;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Jobs.Web.Infrastructure;

/// <summary>A filter the database cannot run answers 400 with the reason, on the pages and in the API alike (never a 500).</summary>
public sealed class FilterNotSupportedFilter : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        if (context.Exception is not FilterNotSupportedException ex) return;
        if (context.HttpContext.Request.Path.StartsWithSegments("/api"))
        {
            context.ModelState.AddModelError("filter", ex.Message);
            context.Result = new BadRequestObjectResult(new ValidationProblemDetails(context.ModelState)
            {
                Status = StatusCodes.Status400BadRequest, Title = "The database cannot run this filter",
            }) { ContentTypes = { "application/problem+json" } };
        }
        else
        {
            context.Result = new ContentResult
            {
                StatusCode = StatusCodes.Status400BadRequest, ContentType = "text/plain; charset=utf-8", Content = ex.Message,
            };
        }
        context.ExceptionHandled = true;
    }
}
