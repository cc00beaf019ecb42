using Jobs.Core.Auditing;
using Jobs.Web.Export;
using Jobs.Web.Infrastructure;
using Jobs.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Jobs.Web.Models;
using Jobs.Web.Services;
using Microsoft.AspNetCore.Mvc;

namespace Jobs.Web.Controllers;

/// <summary><c>/audit</c>: who did what, newest first, filterable by actor, action and target.</summary>
[Authorize(Policy = Policies.Viewer)]
public sealed class AuditController(AuditQueries queries, CurrentActor currentActor, AuditTrail audit, TimeProvider clock) : Controller
{
    [HttpGet("/audit")]
    // "action" is also a route value (the action's name), so the query parameter is bound explicitly.
    public async Task<IActionResult> Index(string? actor, [FromQuery(Name = "action")] string? verb, string? target, int? page, CancellationToken ct)
    {
        ViewData["Title"] = "Audit";
        ViewData["Section"] = "audit";
        return View(await queries.PageAsync(new AuditQuery(actor, verb, target, PageOf<AuditRow>.ClampPage(page)), ct));
    }

    /// <summary>The entries the page's filter selects, as an Excel workbook. Exporting is itself audited.</summary>
    [HttpGet("/audit/export")]
    public async Task<IActionResult> Export(string? actor, [FromQuery(Name = "action")] string? verb, string? target,
        [FromServices] AuditExport export, CancellationToken ct)
    {
        var query = new AuditQuery(actor, verb, target, 1);
        await audit.RecordAsync(currentActor.Get(), "audit.export", "audit", $"actor '{actor}', action '{verb}', target '{target}'", ct);
        var stream = await export.CreateAsync(query, ct);
        return File(stream, JobExport.ContentType, $"jobs-audit-{clock.GetUtcNow():yyyyMMdd-HHmm}.xlsx");
    }
}
