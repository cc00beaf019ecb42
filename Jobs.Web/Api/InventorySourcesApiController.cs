using Jobs.Core.Domain;
using Jobs.Core.Inventory.Sources;
using Jobs.Web.Infrastructure;
using Jobs.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jobs.Web.Api;

/// <summary>
/// <c>/api/v1/inventory/sources</c> (issue 15): the configured CMDB sources with their last run, and their sync.
/// A dry run (Operator) writes nothing; a real sync can retire servers, so it needs an Admin.
/// </summary>
[ApiController]
[IgnoreAntiforgeryToken] // form tokens do not apply; ApiAntiforgeryFilter checks cookie callers' header token
[ServiceFilter<ApiAntiforgeryFilter>]
[Route("api/v1/inventory/sources")]
[Authorize(Policy = Policies.Viewer)]
public sealed class InventorySourcesApiController(SourceQueries queries, InventorySync sync, CurrentActor actor,
    IAuthorizationService authorization) : ControllerBase
{
    [HttpGet]
    [ProducesResponseType<IReadOnlyList<SourceItem>>(StatusCodes.Status200OK)]
    public async Task<IReadOnlyList<SourceItem>> Get(CancellationToken cancellationToken) =>
        (await queries.ListAsync(cancellationToken)).Select(SourceItem.From).ToList();

    /// <summary>
    /// Syncs one source. <paramref name="dryRun"/> = true: the changes it would make (200), nothing written. Otherwise
    /// (Admin): 200 applied; 409 when it would retire more than the source's MaxRetirePercent (repeat with
    /// <paramref name="confirm"/> = true); 502 when the source could not be read. The report is the body, or the problem's
    /// <c>report</c> extension.
    /// </summary>
    [HttpPost("{name}/sync")]
    [Authorize(Policy = Policies.Operator)]
    [ProducesResponseType<SyncReport>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status502BadGateway)]
    public async Task<IActionResult> Sync(string name, bool dryRun = false, bool confirm = false, CancellationToken cancellationToken = default)
    {
        if (!dryRun && !(await authorization.AuthorizeAsync(User, Policies.Admin)).Succeeded)
            return Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only an Admin may apply a sync",
                detail: "A sync can retire servers, so applying it needs an Admin. Preview it with dryRun=true.");
        var report = await sync.SyncAsync(name, dryRun, confirm, actor.Get(), cancellationToken);
        if (report is null)
            return Problem(statusCode: StatusCodes.Status404NotFound, title: "No such inventory source",
                detail: $"No inventory source '{name}' is configured (Jobs:Inventory:Sources).");
        return report.Outcome switch
        {
            SyncOutcome.NeedsConfirmation => WithReport(StatusCodes.Status409Conflict, "The sync needs confirmation", report),
            SyncOutcome.Failed => WithReport(StatusCodes.Status502BadGateway, "The inventory source could not be synced", report),
            _ => Ok(report),
        };
    }

    private ObjectResult WithReport(int status, string title, SyncReport report)
    {
        var problem = ProblemDetailsFactory.CreateProblemDetails(HttpContext, status, title, detail: report.Error);
        problem.Extensions["report"] = report;
        return new ObjectResult(problem) { StatusCode = status, ContentTypes = { "application/problem+json" } };
    }
}

/// <summary>A source in API answers: its configuration without the token, server counts and its last run.</summary>
public sealed record SourceItem(string Name, string Type, string BaseUrl, string Filter, string Schedule, double MaxRetirePercent,
    int Servers, int Retired, SyncRunItem? LastRun)
{
    public static SourceItem From(SourceSummary s) => new(s.Name, s.Type, s.BaseUrl, s.Filter, s.Schedule, s.MaxRetirePercent,
        s.Servers, s.Retired, s.LastRun is { } r ? SyncRunItem.From(r) : null);
}

public sealed record SyncRunItem(long Id, DateTime StartedAt, DateTime? FinishedAt, string StartedBy, string Outcome,
    int Fetched, int Added, int Changed, int Retired, int Skipped, string? Errors)
{
    public static SyncRunItem From(InventorySyncRun r) => new(r.Id, r.StartedAt, r.FinishedAt, r.StartedBy,
        r.Outcome.ToString(), r.Fetched, r.Added, r.Changed, r.Retired, r.Skipped, r.Errors);
}
