using Jobs.Core.Application;
using Jobs.Core.Templates;
using Jobs.Web.Infrastructure;
using Jobs.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jobs.Web.Api;

/// <summary>
/// Job templates: list, get (any version), create, update (a new version; stored versions never change) and run.
/// A run answers 201 with the job, or 400 problem details naming each variable and the rule it broke (<c>variables.version</c>:
/// required, type, pattern, one-of with the allowed values) or the job's own field errors (scope, filter, …).
/// </summary>
[ApiController]
[IgnoreAntiforgeryToken] // form tokens do not apply; ApiAntiforgeryFilter checks cookie callers' header token
[ServiceFilter<ApiAntiforgeryFilter>]
[Route("api/v1/templates")]
[Authorize(Policy = Policies.Viewer)]
[Produces("application/json")]
[JobsApiExceptionFilter]
public sealed class TemplatesApiController(TemplateService templates, TemplateApiQueries queries, CurrentActor actor) : ControllerBase
{
    [HttpGet("")]
    public Task<IReadOnlyList<TemplateSummaryDto>> List(CancellationToken ct) => queries.ListAsync(ct);

    [HttpGet("{id:long}")]
    public async Task<ActionResult<TemplateDto>> Get(long id, [FromQuery] int? version, CancellationToken ct) =>
        await queries.GetAsync(id, version, ct) ?? throw new TemplateNotFoundException(id, version);

    [HttpPost("")]
    [Authorize(Policy = Policies.Operator)]
    public async Task<ActionResult<TemplateDto>> Create([FromBody] TemplateInput input, CancellationToken ct)
    {
        var id = await templates.CreateAsync(input, actor.Get(), ct);
        return CreatedAtAction(nameof(Get), new { id }, await queries.GetAsync(id, null, ct));
    }

    /// <summary>Saves a new version (name and description change in place).</summary>
    [HttpPut("{id:long}")]
    [Authorize(Policy = Policies.Operator)]
    public async Task<ActionResult<TemplateDto>> Update(long id, [FromBody] TemplateInput input, CancellationToken ct)
    {
        var version = await templates.UpdateAsync(id, input, actor.Get(), ct);
        return (await queries.GetAsync(id, version, ct))!;
    }

    /// <summary>Creates a job from the template with the variables in the body, through the job service (scopes, the
    /// two-person rule and the audit apply as for <c>POST /api/v1/jobs</c>).</summary>
    [HttpPost("{id:long}/run")]
    [Authorize(Policy = Policies.Operator)]
    public async Task<ActionResult<JobDto>> Run(long id, [FromBody] TemplateRunRequest body, [FromServices] ITemplateRuns runs,
        [FromServices] JobsApiQueries jobs, CancellationToken ct)
    {
        var result = await runs.RunAsync(id, body.Values(), actor.Get(), new TemplateRunOptions { Version = body.Version }, ct);
        if (result.JobId is not { } jobId) throw new JobValidationException(result.Errors);
        return CreatedAtAction(nameof(JobsApiController.Get), "JobsApi", new { id = jobId }, await jobs.GetAsync(jobId, ct));
    }
}
