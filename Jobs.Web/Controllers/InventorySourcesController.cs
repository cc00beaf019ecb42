using Jobs.Core.Inventory.Sources;
using Jobs.Web.Infrastructure;
using Jobs.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jobs.Web.Controllers;

/// <summary>
/// The Servers page's inventory sources (issue 15): "Preview sync" lists what a sync would change, field by field,
/// and "Sync now" applies it (post → redirect → get). The sources themselves are listed by
/// <see cref="InventorySourcesViewComponent"/> on the Servers page.
/// </summary>
[Route("servers/sources")]
[Authorize(Policy = Policies.Operator)]
public sealed class InventorySourcesController(InventorySync sync, CurrentActor actor) : Controller
{
    [HttpGet("{name}/preview")]
    public async Task<IActionResult> Preview(string name, CancellationToken cancellationToken)
    {
        ViewData["Section"] = "servers";
        ViewData["Title"] = $"Preview sync of {name}";
        var report = await sync.SyncAsync(name, dryRun: true, confirm: false, actor.Get(), cancellationToken);
        return report is null ? NotFound() : View(report);
    }

    /// <summary>Applies a sync. <paramref name="confirm"/> comes from the preview's confirmation box when the retire guard tripped.</summary>
    [HttpPost("{name}/sync")]
    [Authorize(Policy = Policies.Admin)]
    public async Task<IActionResult> Sync(string name, bool confirm = false, CancellationToken cancellationToken = default)
    {
        var report = await sync.SyncAsync(name, dryRun: false, confirm, actor.Get(), cancellationToken);
        if (report is null) return NotFound();
        switch (report.Outcome)
        {
            case SyncOutcome.Applied:
                TempData["Message"] = $"Synced {name}: fetched {report.Fetched:N0}, {report.Added:N0} added, {report.Changed:N0} changed, " +
                                      $"{report.Retired:N0} retired, {report.Skipped:N0} skipped.";
                return RedirectToAction("Index", "Servers");
            case SyncOutcome.NeedsConfirmation:
                TempData["Error"] = report.Error;
                return RedirectToAction(nameof(Preview), new { name });
            default:
                TempData["Error"] = $"The sync of {name} failed: {report.Error}";
                return RedirectToAction("Index", "Servers");
        }
    }
}

/// <summary>The sources card of the Servers page: each source, its servers and its last run, with Preview and Sync now.</summary>
public sealed class InventorySourcesViewComponent(SourceQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() => View(await queries.ListAsync(HttpContext.RequestAborted));
}
