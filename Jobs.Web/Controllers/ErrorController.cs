using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jobs.Web.Controllers;

/// <summary>Error pages for browsers; API routes get RFC 7807 problem details instead.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
[AllowAnonymous] // renders any status for anyone; it shows no data
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
            return Problem(statusCode: status, title: status switch { 404 => "Not found", 403 => "Not allowed", 401 => "Not signed in", 429 => "Too many requests", _ => "Error" });
        }
        Response.StatusCode = status;
        ViewData["Title"] = status switch { 404 => "Not found", 403 => "Not allowed", 429 => "Too many requests", _ => "Error" };
        ViewData["Status"] = status;
        ViewData["TraceId"] = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        return View("~/Views/Shared/Error.cshtml");
    }
}
