using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Jobs.Web.Api;

/// <summary>
/// <c>[Produces("application/json")]</c> for the API description and for answers, except problem details, which keep
/// <c>application/problem+json</c> (RFC 9457). Plain <see cref="ProducesAttribute"/> rewrites every object result's
/// content type, so a 400 from model validation went out as <c>application/json</c> (issue 13).
/// </summary>
public sealed class ProducesJsonAttribute() : ProducesAttribute("application/json")
{
    public override void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is ObjectResult { Value: ProblemDetails }) return;
        base.OnResultExecuting(context);
    }
}
