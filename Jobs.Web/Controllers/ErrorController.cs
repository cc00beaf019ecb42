using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Jobs.Web.Controllers;

/// <summary>Error pages for browsers; API routes get RFC 7807 problem details instead.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorController : Controller
{
    [Route("error/{code:int?}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Index(int? code)
    {
        var status = code ?? 500;
        if (HttpContext.Request.Path.StartsWithSegments("/api") ||
            (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>()?.OriginalPath ?? "").StartsWith("/api", StringComparison.Ordinal))
        {
            return Problem(statusCode: status, title: status == 404 ? "Not found" : "Error");
        }
        Response.StatusCode = status;
        ViewData["Title"] = status == 404 ? "Not found" : "Error";
        ViewData["Status"] = status;
        ViewData["TraceId"] = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        return View("~/Views/Shared/Error.cshtml");
    }
}
