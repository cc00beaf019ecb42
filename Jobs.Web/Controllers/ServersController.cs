using System.Text.Json;
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
    /// <summary>How many import errors travel back to the page after a failed import (the rest are counted).</summary>
    private const int ErrorsCarried = 50;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? filter, int page = 1, CancellationToken cancellationToken = default)
    {
        ViewData["Section"] = "servers";
        ViewData["Title"] = "Servers";
        var model = await BuildAsync(filter, page, cancellationToken);
        if (TempData["ImportErrors"] is string carried && JsonSerializer.Deserialize<CarriedErrors>(carried) is { } failed)
        {
            model.ImportErrors = failed.Errors;
            model.MoreImportErrors = failed.More;
        }
        return View(model);
    }

    /// <summary>One server and the jobs that touched it, with the outcome of each (issue 9, host history).</summary>
    [HttpGet("{hostname}")]
    public async Task<IActionResult> Show(string hostname, [FromServices] Jobs.Web.Services.ServerHistoryQueries history, CancellationToken ct)
    {
        if (await history.GetAsync(hostname, ct) is not { } model) return NotFound();
        ViewData["Section"] = "servers";
        ViewData["Title"] = model.Hostname;
        return View(model);
    }

    /// <summary>
    /// Imports a CSV, then redirects back to <c>/servers</c> either way (post/redirect/get): after a failed import the
    /// errors travel in TempData, so reloading the page shows it again instead of a 405 on <c>/servers/import</c>
    /// (issue 9, item 15).
    /// </summary>
    [HttpPost("import")]
    [Authorize(Policy = Policies.Operator)]
    [RequestFormLimits(MultipartBodyLengthLimit = 64 * 1024 * 1024)]
    public async Task<IActionResult> Import(ServerImportInput input, CancellationToken cancellationToken)
    {
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
        var carried = new CarriedErrors(errors.Take(ErrorsCarried).ToList(), more + Math.Max(0, errors.Count - ErrorsCarried));
        TempData["ImportErrors"] = JsonSerializer.Serialize(carried);
        return RedirectToAction(nameof(Index));
    }

    private sealed record CarriedErrors(IReadOnlyList<ServerImportError> Errors, int More);

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
