using Jobs.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Jobs.Core.Domain;
using Jobs.Core.Application;
using Jobs.Core.Engine;
using Jobs.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace Jobs.Web.Api;

/// <summary>
/// The jobs JSON API. 400 = validation problem details with per-field errors (nothing created), 404 = no such job,
/// 409 = the control does not fit the job's status (the reason is in <c>detail</c>).
/// </summary>
[ApiController]
[IgnoreAntiforgeryToken] // form tokens do not apply; ApiAntiforgeryFilter checks cookie callers' header token
[ServiceFilter<ApiAntiforgeryFilter>]
[Route("api/v1/jobs")]
[Authorize(Policy = Policies.Viewer)]
[ProducesJson]
[JobsApiExceptionFilter]
public sealed class JobsApiController(IJobService jobs, JobsApiQueries queries, CurrentActor actor) : ControllerBase
{
    private const int MaxTake = 500;

    /// <summary>
    /// Creates a job. With an <c>Idempotency-Key</c> header the job is created at most once per key: repeating the
    /// request (also concurrently) answers 201 with the same job and <c>Idempotent-Replayed: true</c>; the key with a
    /// different body answers 422. Keys are kept with their job.
    /// </summary>
    [HttpPost("")]
    [Authorize(Policy = Policies.Operator)]
    public async Task<ActionResult<JobDto>> Create([FromBody] JobRequest request,
        [FromHeader(Name = IdempotencyKeys.Field)] string? idempotencyKey, CancellationToken ct)
    {
        var created = await jobs.CreateOnceAsync(request, actor.Get(), JobOrigin.None, idempotencyKey, ct);
        if (created.Replayed) Response.Headers["Idempotent-Replayed"] = "true";
        return CreatedAtAction(nameof(Get), new { id = created.Id }, await queries.GetAsync(created.Id, ct));
    }

    [HttpPost("preview")]
    [Authorize(Policy = Policies.Operator)]
    public Task<JobPreview> Preview([FromBody] JobRequest request, CancellationToken ct) => jobs.PreviewAsync(request, actor.Get(), ct);

    [HttpGet("")]
    public async Task<ActionResult<PageDto<JobSummaryDto>>> List([FromQuery] JobStatus? status, [FromQuery] int skip = 0,
        [FromQuery] int take = 50, CancellationToken ct = default)
    {
        if (!ValidPage(skip, take)) return ValidationProblem(ModelState);
        return await queries.ListAsync(status, skip, take, ct);
    }

    [HttpGet("{id:long}")]
    public async Task<ActionResult<JobDto>> Get(long id, CancellationToken ct) =>
        await queries.GetAsync(id, ct) is { } job ? job : NotFoundProblem(id);

    [HttpGet("{id:long}/hosts")]
    public async Task<ActionResult<PageDto<HostDto>>> Hosts(long id, [FromQuery] HostStatus? status, [FromQuery] int? batch,
        [FromQuery] int skip = 0, [FromQuery] int take = 100, CancellationToken ct = default)
    {
        if (!ValidPage(skip, take)) return ValidationProblem(ModelState);
        return await queries.HostsAsync(id, status, batch, skip, take, ct) is { } page ? page : NotFoundProblem(id);
    }

    /// <summary><c>POST {id}/pause|resume|abort|retry-failed|approve</c>: applies the control and returns the job.</summary>
    [HttpPost("{id:long}/{control:" + ControlRouteConstraint.Job + "}")]
    [Authorize(Policy = Policies.Operator)]
    public Task<ActionResult<JobDto>> Control(long id, string control, CancellationToken ct) =>
        ApplyAsync(id, JobControlText.FromSlug(control, hostControl: false)!.Value, null, ct);

    /// <summary><c>POST {id}/hosts/{hostname}/skip|retry</c>: applies the host control and returns the job.</summary>
    [HttpPost("{id:long}/hosts/{hostname}/{control:" + ControlRouteConstraint.Host + "}")]
    [Authorize(Policy = Policies.Operator)]
    public Task<ActionResult<JobDto>> HostControl(long id, string hostname, string control, CancellationToken ct) =>
        ApplyAsync(id, JobControlText.FromSlug(control, hostControl: true)!.Value, hostname, ct);

    /// <summary><c>PUT {id}/pin</c>: keep the job when retention purges finished jobs; <c>DELETE {id}/pin</c>: stop keeping it.</summary>
    [HttpPut("{id:long}/pin")]
    [Authorize(Policy = Policies.Operator)]
    public Task<ActionResult<JobDto>> Pin(long id, CancellationToken ct) => PinAsync(id, true, ct);

    [HttpDelete("{id:long}/pin")]
    [Authorize(Policy = Policies.Operator)]
    public Task<ActionResult<JobDto>> Unpin(long id, CancellationToken ct) => PinAsync(id, false, ct);

    private async Task<ActionResult<JobDto>> PinAsync(long id, bool pinned, CancellationToken ct)
    {
        await jobs.SetPinnedAsync(id, pinned, actor.Get(), ct);
        return await queries.GetAsync(id, ct) is { } job ? job : NotFoundProblem(id);
    }

    private async Task<ActionResult<JobDto>> ApplyAsync(long id, JobControl control, string? hostname, CancellationToken ct)
    {
        await jobs.ControlAsync(id, control, actor.Get(), hostname, ct);
        return await queries.GetAsync(id, ct) is { } job ? job : NotFoundProblem(id);
    }

    private bool ValidPage(int skip, int take)
    {
        if (skip < 0) ModelState.AddModelError("skip", "skip cannot be negative.");
        if (take is < 1 or > MaxTake) ModelState.AddModelError("take", $"take must be between 1 and {MaxTake}.");
        return ModelState.IsValid;
    }

    private ObjectResult NotFoundProblem(long id) =>
        Problem(statusCode: StatusCodes.Status404NotFound, title: "Job not found", detail: $"Job {id} does not exist.");
}

/// <summary>Maps the service's exceptions to problem details: validation → 400 with field errors, not found → 404,
/// the two-person rule or a server scope → 403 with the reason, an illegal transition → 409 with its reason, an
/// idempotency key reused for another request → 422.</summary>
internal sealed class JobsApiExceptionFilterAttribute : ExceptionFilterAttribute
{
    public override void OnException(ExceptionContext context)
    {
        var factory = context.HttpContext.RequestServices.GetRequiredService<ProblemDetailsFactory>();
        var http = context.HttpContext;
        switch (context.Exception)
        {
            case JobValidationException v:
                foreach (var (field, messages) in v.Errors)
                    foreach (var m in messages) context.ModelState.AddModelError(field, m);
                var problem = factory.CreateValidationProblemDetails(http, context.ModelState, StatusCodes.Status400BadRequest,
                    http.Request.Path.StartsWithSegments("/api/v1/templates") ? "The request is not valid; nothing was created or changed." : "The job is not valid; nothing was created.");
                context.Result = new BadRequestObjectResult(problem) { ContentTypes = { "application/problem+json" } };
                break;
            case NotFoundException nf:
                context.Result = Problem(factory.CreateProblemDetails(http, StatusCodes.Status404NotFound,
                    nf switch
                    {
                        HostNotFoundException => "Host not found",
                        Core.Templates.TemplateNotFoundException => "Template not found",
                        Core.Templates.ScheduleNotFoundException => "Schedule not found",
                        _ => "Job not found",
                    }, detail: nf.Message));
                break;
            case TwoPersonRuleException tp:
                context.Result = Problem(factory.CreateProblemDetails(http, StatusCodes.Status403Forbidden, "The two-person rule refuses this approval", detail: tp.Message));
                break;
            case OutOfScopeException os:
                context.Result = Problem(factory.CreateProblemDetails(http, StatusCodes.Status403Forbidden, "Outside your server scope", detail: os.Message));
                break;
            case IdempotencyKeyReusedException reused:
                var unprocessable = factory.CreateProblemDetails(http, StatusCodes.Status422UnprocessableEntity,
                    "The Idempotency-Key was used for a different request", detail: reused.Message);
                unprocessable.Extensions["jobId"] = reused.JobId;
                context.Result = Problem(unprocessable);
                break;
            case InvalidTransitionException it:
                context.Result = Problem(factory.CreateProblemDetails(http, StatusCodes.Status409Conflict, "The job's status does not allow this", detail: it.Message));
                break;
            default:
                return;
        }
        context.ExceptionHandled = true;
    }

    private static ObjectResult Problem(Microsoft.AspNetCore.Mvc.ProblemDetails p) =>
        new(p) { StatusCode = p.Status, ContentTypes = { "application/problem+json" } };
}
