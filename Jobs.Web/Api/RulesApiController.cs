using Jobs.Core.Events;
using Jobs.Web.Infrastructure;
using Jobs.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jobs.Web.Api;

/// <summary>
/// <c>/api/v1/rules</c> (issue 14): event rules of templates. Reading needs a Viewer; creating, changing and deleting
/// a rule an Operator (a rule creates jobs), audited as <c>rule.create</c>, <c>rule.update</c>, <c>rule.delete</c>.
/// </summary>
[ApiController]
[IgnoreAntiforgeryToken] // form tokens do not apply; ApiAntiforgeryFilter checks cookie callers' header token
[ServiceFilter<ApiAntiforgeryFilter>]
[Route("api/v1/rules")]
[Authorize(Policy = Policies.Viewer)]
[EventsApiExceptionFilter]
public sealed class RulesApiController(RuleService rules, EventQueries queries, CurrentActor actor) : ControllerBase
{
    /// <summary>Every rule, or those of one template.</summary>
    [HttpGet("")]
    public async Task<IReadOnlyList<RuleDto>> List([FromQuery] long? templateId, CancellationToken ct) =>
        (await queries.RulesAsync(templateId, ct)).Select(RuleDto.From).ToList();

    [HttpGet("{id:long}")]
    [ProducesResponseType<RuleDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<RuleDto>> Get(long id, CancellationToken ct) =>
        await queries.RuleAsync(id, ct) is { } rule ? RuleDto.From(rule) : throw new RuleNotFoundException(id);

    /// <summary>Creates a rule of <c>templateId</c>. 400 names every bad field (<c>match</c>, <c>variables.host</c>, <c>bucket.capacity</c>, …).</summary>
    [HttpPost("")]
    [Authorize(Policy = Policies.Operator)]
    [ProducesResponseType<RuleDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<RuleDto>> Create([FromBody] RuleInput input, CancellationToken ct)
    {
        var id = await rules.CreateAsync(input, actor.Get(), ct);
        return CreatedAtAction(nameof(Get), new { id }, RuleDto.From((await queries.RuleAsync(id, ct))!));
    }

    /// <summary>Replaces a rule's settings (fields left out take their defaults, as on creation).</summary>
    [HttpPut("{id:long}")]
    [Authorize(Policy = Policies.Operator)]
    [ProducesResponseType<RuleDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<RuleDto>> Update(long id, [FromBody] RuleInput input, CancellationToken ct)
    {
        await rules.UpdateAsync(id, input, actor.Get(), ct);
        return RuleDto.From((await queries.RuleAsync(id, ct))!);
    }

    [HttpDelete("{id:long}")]
    [Authorize(Policy = Policies.Operator)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Delete(long id, CancellationToken ct)
    {
        await rules.DeleteAsync(id, actor.Get(), ct);
        return NoContent();
    }
}
