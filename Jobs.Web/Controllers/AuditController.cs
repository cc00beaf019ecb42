using Jobs.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Jobs.Web.Models;
using Jobs.Web.Services;
using Microsoft.AspNetCore.Mvc;

namespace Jobs.Web.Controllers;

/// <summary><c>/audit</c>: who did what, newest first, filterable by actor, action and target.</summary>
[Authorize(Policy = Policies.Viewer)]
public sealed class AuditController(AuditQueries queries) : Controller
{
    [HttpGet("/audit")]
    // "action" is also a route value (the action's name), so the query parameter is bound explicitly.
    public async Task<IActionResult> Index(string? actor, [FromQuery(Name = "action")] string? verb, string? target, int? page, CancellationToken ct)
    {
        ViewData["Title"] = "Audit";
        ViewData["Section"] = "audit";
        return View(await queries.PageAsync(new AuditQuery(actor, verb, target, PageOf<AuditRow>.ClampPage(page)), ct));
    }
}
