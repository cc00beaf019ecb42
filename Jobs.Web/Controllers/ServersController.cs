using Jobs.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Jobs.Core.Filtering;
using Jobs.Core.Inventory;
using Jobs.Web.Infrastructure;
using Jobs.Web.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Jobs.Web.Controllers;

/// <summary>The CMDB inventory: filter, counts, paged list, CSV import.</summary>
[Route("servers")]
[Authorize(Policy = Policies.Viewer)]
public sealed class ServersController(ServerQueries queries, ServerImporter importer, CurrentActor actor,
    IOptions<ImportOptions> importOptions) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? filter, int page = 1, CancellationToken cancellationToken = default)
    {
        ViewData["Section"] = "servers";
        ViewData["Title"] = "Servers";
        return View(await BuildAsync(filter, page, cancellationToken));
    }

    [HttpPost("import")]
    [Authorize(Policy = Policies.Operator)]
    [RequestFormLimits(MultipartBodyLengthLimit = 64 * 1024 * 1024)]
    public async Task<IActionResult> Import(ServerImportInput input, CancellationToken cancellationToken)
    {
        ViewData["Section"] = "servers";
        ViewData["Title"] = "Servers";
        IReadOnlyList<ServerImportError> errors;
        var more = 0;
        if (!ModelState.IsValid || input.File is null)
        {
            errors = [new ServerImportError(0, ModelState[nameof(input.File)]?.Errors.FirstOrDefault()?.ErrorMessage ?? "Choose a CSV file to import.")];
        }
        else if (input.File.Length > importOptions.Value.MaxBytes)
        {
            errors = [new ServerImportError(0, ServerImporter.TooLargeMessage(importOptions.Value.MaxBytes))];
        }
        else
        {
            await using var stream = input.File.OpenReadStream();
            var result = await importer.ImportAsync(stream, actor.Get(), cancellationToken);
            if (result.Succeeded)
            {
                TempData["Message"] = $"Imported {input.File.FileName}: {result.Inserted} new, {result.Updated} updated, {result.Unchanged} unchanged.";
                return RedirectToAction(nameof(Index));
            }
            errors = result.Errors;
            more = result.MoreErrors;
        }

        var model = await BuildAsync(null, 1, cancellationToken);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(nameof(Index), new ServersIndexViewModel
        {
            Filter = model.Filter, Summary = model.Summary, Servers = model.Servers, PageNumber = model.PageNumber,
            MaxImportSize = model.MaxImportSize, MaxImportRows = model.MaxImportRows,
            ImportErrors = errors, MoreImportErrors = more,
        });
    }

    private async Task<ServersIndexViewModel> BuildAsync(string? filterText, int page, CancellationToken cancellationToken)
    {
        var limits = importOptions.Value;
        var size = ServerImporter.Describe(limits.MaxBytes);
        var text = filterText?.Trim() ?? "";
        if (!HostFilter.TryParse(text, out var filter, out var error))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return new ServersIndexViewModel
            {
                Filter = text, FilterError = error.Message, FilterErrorPosition = error.Position,
                MaxImportSize = size, MaxImportRows = limits.MaxRows,
            };
        }
        var summary = await queries.SummarizeAsync(filter, cancellationToken);
        var pageCount = Math.Max(1, (summary.Total + ServersIndexViewModel.PageSize - 1) / ServersIndexViewModel.PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var servers = await queries.PageAsync(filter, (page - 1) * ServersIndexViewModel.PageSize, ServersIndexViewModel.PageSize, cancellationToken);
        return new ServersIndexViewModel
        {
            Filter = text, Summary = summary, Servers = servers, PageNumber = page,
            MaxImportSize = size, MaxImportRows = limits.MaxRows,
        };
    }
}
