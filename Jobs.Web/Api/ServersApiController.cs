using Jobs.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Jobs.Core.Filtering;
using Jobs.Core.Inventory;
using Jobs.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Jobs.Web.Api;

/// <summary><c>/api/v1/servers</c>: query the inventory with a host filter; import CSV.</summary>
[ApiController]
[IgnoreAntiforgeryToken] // form tokens do not apply; ApiAntiforgeryFilter checks cookie callers' header token
[ServiceFilter<ApiAntiforgeryFilter>]
[Route("api/v1/servers")]
[Authorize(Policy = Policies.Viewer)]
public sealed class ServersApiController(ServerQueries queries, ServerImporter importer, CurrentActor actor,
    IOptions<ImportOptions> importOptions) : ControllerBase
{
    public const int DefaultTake = 100;

    /// <summary>Servers matching <paramref name="filter"/>, ordered by hostname; <paramref name="take"/> is capped at 1000.</summary>
    [HttpGet]
    [ProducesResponseType<ServerListResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> Get(string? filter, int skip = 0, int take = DefaultTake, CancellationToken cancellationToken = default)
    {
        if (skip < 0) ModelState.AddModelError(nameof(skip), "skip must be 0 or more.");
        if (take < 1) ModelState.AddModelError(nameof(take), "take must be 1 or more.");
        if (!HostFilter.TryParse(filter, out var parsed, out var error))
        {
            ModelState.AddModelError(nameof(filter), error.Message);
            return ValidationProblem(detail: error.Message, title: "Invalid filter");
        }
        if (!ModelState.IsValid) return ValidationProblem();

        var page = await queries.PageAsync(parsed, skip, Math.Min(take, ServerQueries.MaxTake), cancellationToken);
        return Ok(new ServerListResponse(page.Total, page.Items.Select(ServerItem.From).ToList()));
    }

    /// <summary>
    /// Imports a CSV body (<c>text/csv</c>): all or nothing, upsert by hostname. 400 lists row errors in the
    /// <c>errors</c> extension (<c>line</c>, <c>message</c>); 413 when the file exceeds the configured limits.
    /// </summary>
    [HttpPost("import")]
    [Authorize(Policy = Policies.Operator)]
    [Consumes("text/csv")]
    [ProducesResponseType<ServerImportResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge)]
    public async Task<IActionResult> Import(CancellationToken cancellationToken)
    {
        var limit = importOptions.Value.MaxBytes;
        if (Request.ContentLength > limit)
        {
            return Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large",
                detail: ServerImporter.TooLargeMessage(limit));
        }

        var result = await importer.ImportAsync(Request.Body, actor.Get(), cancellationToken);
        if (result.TooLarge)
            return Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "File too large", detail: result.Errors[0].Message);
        if (!result.Succeeded)
        {
            var problem = ProblemDetailsFactory.CreateProblemDetails(HttpContext, StatusCodes.Status400BadRequest,
                title: "The CSV file was not imported",
                detail: $"{result.Errors.Count + result.MoreErrors} error(s); nothing was written. First: {result.Errors[0]}");
            problem.Extensions["errors"] = result.Errors.Select(e => new { line = e.Line, message = e.Message }).ToList();
            if (result.MoreErrors > 0) problem.Extensions["moreErrors"] = result.MoreErrors;
            return new ObjectResult(problem) { StatusCode = StatusCodes.Status400BadRequest, ContentTypes = { "application/problem+json" } };
        }
        return Ok(new ServerImportResponse(result.Inserted, result.Updated, result.Unchanged));
    }
}

public sealed record ServerListResponse(int Total, IReadOnlyList<ServerItem> Items);

/// <summary>A server in API answers; <c>status</c> is online, offline or maintenance as in filters and CSV.</summary>
public sealed record ServerItem(string Hostname, string Ip, string Idc, string Env, string App, string Role, string Os,
    string Status, string Owner, IReadOnlyList<string> Tags, bool IsDemo)
{
    public static ServerItem From(ServerRow r) =>
        new(r.Hostname, r.Ip, r.Idc, r.Env, r.App, r.Role, r.Os, r.Status.ToString().ToLowerInvariant(), r.Owner, r.Tags, r.IsDemo);
}

public sealed record ServerImportResponse(int Inserted, int Updated, int Unchanged);
