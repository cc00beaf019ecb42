using Jobs.Core.Domain;
using Jobs.Core.Events;
using Jobs.Web.Infrastructure;
using Jobs.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace Jobs.Web.Api;

/// <summary>
/// <c>/api/v1/events</c> (issue 14). Sending an event needs an Operator: it may create jobs, which is what an Operator
/// may do (on the sender's behalf, within the sender's server scope). Reading events needs a Viewer.
/// </summary>
[ApiController]
[IgnoreAntiforgeryToken] // form tokens do not apply; ApiAntiforgeryFilter checks cookie callers' header token
[ServiceFilter<ApiAntiforgeryFilter>]
[Route("api/v1/events")]
[Authorize(Policy = Policies.Viewer)]
[EventsApiExceptionFilter]
public sealed class EventsApiController(EventIntake intake, EventQueries queries, CurrentActor actor) : ControllerBase
{
    /// <summary>Stores the event, lets every enabled rule of its type decide, and returns the event with each rule's verdict
    /// (201; the outcome says whether a job was created, throttled, refused or no rule matched).</summary>
    [HttpPost("")]
    [Authorize(Policy = Policies.Operator)]
    [ProducesResponseType<EventDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<ActionResult<EventDto>> Post([FromBody] EventInput input, CancellationToken ct)
    {
        var ev = await intake.ReceiveAsync(input, actor.Get(), ct);
        return CreatedAtAction(nameof(Get), new { id = ev.Id }, EventDto.From(ev));
    }

    /// <summary>Events newest first; <c>from</c>/<c>to</c> bound the time received (UTC, <c>to</c> exclusive).</summary>
    [HttpGet("")]
    public async Task<ActionResult<PageDto<EventSummaryDto>>> List([FromQuery] string? type, [FromQuery] string? source,
        [FromQuery] EventOutcome? outcome, [FromQuery] DateTime? from, [FromQuery] DateTime? to,
        [FromQuery] int skip = 0, [FromQuery] int take = 50, CancellationToken ct = default)
    {
        if (skip < 0) ModelState.AddModelError("skip", "skip cannot be negative.");
        if (take is < 1 or > EventSearch.MaxTake) ModelState.AddModelError("take", $"take must be between 1 and {EventSearch.MaxTake}.");
        if (from > to) ModelState.AddModelError("to", "to must be after from.");
        if (!ModelState.IsValid) return ValidationProblem(ModelState);
        var page = await queries.SearchAsync(new EventSearch(type, source, outcome, Utc(from), Utc(to), skip, take), ct);
        return new PageDto<EventSummaryDto>(page.Total, page.Items.Select(EventSummaryDto.From).ToList());
    }

    [HttpGet("{id:long}")]
    [ProducesResponseType<EventDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<EventDto>> Get(long id, CancellationToken ct) =>
        await queries.GetAsync(id, ct) is { } ev ? EventDto.From(ev)
            : Problem(statusCode: StatusCodes.Status404NotFound, title: "Event not found", detail: $"Event {id} does not exist (or was purged).");

    private static DateTime? Utc(DateTime? t) => t is { } v ? v.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : v.ToUniversalTime() : null;
}

/// <summary>Events and rules: field errors → 400 problem details naming each field, not found → 404.</summary>
internal sealed class EventsApiExceptionFilterAttribute : ExceptionFilterAttribute
{
    public override void OnException(ExceptionContext context)
    {
        var factory = context.HttpContext.RequestServices.GetRequiredService<ProblemDetailsFactory>();
        var http = context.HttpContext;
        switch (context.Exception)
        {
            case EventsValidationException v:
                foreach (var (field, messages) in v.Errors)
                    foreach (var m in messages) context.ModelState.AddModelError(field, m);
                var problem = factory.CreateValidationProblemDetails(http, context.ModelState, StatusCodes.Status400BadRequest, ApiValidationProblems.Title);
                context.Result = new BadRequestObjectResult(problem) { ContentTypes = { "application/problem+json" } };
                break;
            case NotFoundException nf:
                var notFound = factory.CreateProblemDetails(http, StatusCodes.Status404NotFound, "Not found", detail: nf.Message);
                context.Result = new ObjectResult(notFound) { StatusCode = 404, ContentTypes = { "application/problem+json" } };
                break;
            default:
                return;
        }
        context.ExceptionHandled = true;
    }
}
