using Jobs.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Jobs.Core.Application;
using Jobs.Core.Engine;
using Jobs.Core.Execution;
using Jobs.Web.Infrastructure;
using Jobs.Web.Models;
using Jobs.Web.Services;
using Microsoft.AspNetCore.Mvc;

namespace Jobs.Web.Controllers;

/// <summary>
/// <c>/jobs/new</c>: the five-step create-job wizard (Targets, Action, Strategy, Schedule, Review). Each step posts the
/// whole draft (see <see cref="JobDraft"/> for why it travels in hidden fields); a step is validated on the server
/// before the next one is shown; Create goes through <see cref="IJobService"/> and redirects to the new job's dashboard.
/// </summary>
[Route("jobs/new")]
[Authorize(Policy = Policies.Operator)]
public sealed class JobsWizardController(JobWizardService wizard, IJobService jobs, IExecutorRegistry executors, CurrentActor actor,
    TemplateQueries templates)
    : Controller
{
    /// <param name="from">"Run again": start from the settings of this job (issue 9).</param>
    [HttpGet("")]
    public async Task<IActionResult> Start(long? from, [FromServices] JobQueries queries, CancellationToken ct)
    {
        if (from is { } id)
        {
            if (await queries.SummaryAsync(id, ct) is not { } source) return NotFound();
            ViewData["RunAgainOf"] = source.Id;
            return await ShowAsync(WizardStep.Targets, JobDraft.From(source), null, ct);
        }
        var draft = new JobDraft();
        // On the demo inventory the simulator, on its happy path; otherwise nothing, so that nobody runs real
        // commands (local runs them on this machine) without choosing to (issue 9, items 4 and 5).
        if (executors.All.FirstOrDefault(e => e.IsSimulation) is { } simulator && await wizard.HasDemoServersAsync(ct))
        {
            draft.Executor = simulator.Name;
            draft.Parameters = DemoParameters.HappyPath;
        }
        return await ShowAsync(WizardStep.Targets, draft, null, ct, fresh: true);
    }

    /// <summary>Live match count for the Targets step (called by script as the operator types).</summary>
    [HttpGet("targets")]
    public async Task<IActionResult> Targets(string? filter, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        return Json(await wizard.SummariseAsync(filter, ct));
    }

    /// <param name="draft">The whole draft.</param>
    /// <param name="step">The step the form was on.</param>
    /// <param name="nav"><c>next</c>, <c>back</c>, <c>create</c>, or <c>goto-N</c> (edit an earlier step from Review).</param>
    [HttpPost("")]
    public async Task<IActionResult> Post([FromForm] JobDraft draft, [FromForm] WizardStep step, [FromForm] string? nav, CancellationToken ct)
    {
        if (!Enum.IsDefined(step)) step = WizardStep.Targets;
        switch (nav)
        {
            case "back" when step > WizardStep.Targets:
                ModelState.Clear();
                return await ShowAsync(step - 1, draft, null, ct);
            case { } g when g.StartsWith("goto-", StringComparison.Ordinal) && int.TryParse(g.AsSpan(5), out var to)
                                                                             && Enum.IsDefined((WizardStep)to) && (WizardStep)to <= step:
                ModelState.Clear();
                return await ShowAsync((WizardStep)to, draft, null, ct);
            case "create" when step == WizardStep.Review:
                return await CreateAsync(draft, ct);
            default:
                var preview = await wizard.ValidateStepAsync(step, draft, ModelState, ct);
                if (!ModelState.IsValid) return await ShowAsync(step, draft, null, ct);
                ModelState.Clear();
                return await ShowAsync(step == WizardStep.Review ? step : step + 1, draft, preview, ct);
        }
    }

    private async Task<IActionResult> CreateAsync(JobDraft draft, CancellationToken ct)
    {
        // Attribute errors of any step first (a tampered or stale hidden field), then the engine's full validation.
        if (!ModelState.IsValid) return await ShowFirstErrorAsync(draft, ct);
        var request = wizard.TryRequest(draft, ModelState);
        if (request is null) return await ShowFirstErrorAsync(draft, ct);
        try
        {
            var (id, replayed) = await jobs.CreateOnceAsync(request, actor.Get(), await OriginAsync(draft, ct),
                string.IsNullOrEmpty(draft.IdempotencyKey) ? null : draft.IdempotencyKey, ct);
            TempData["Message"] = replayed
                ? $"Job {id} “{request.Name}” was already created from this form (it was sent twice); here it is."
                : draft.StartMode == "at"
                    ? $"Job {id} “{request.Name}” created; it starts at the scheduled time."
                    : $"Job {id} “{request.Name}” created and starting.";
            return RedirectToAction(nameof(JobsController.Show), "Jobs", new { id });
        }
        catch (IdempotencyKeyReusedException ex)
        {
            // Only a tampered form gets here: the key is new on every Review.
            ModelState.AddModelError("", $"This form already created job {ex.JobId} with other settings; check them and create again.");
            return await ShowFirstErrorAsync(draft, ct);
        }
        catch (JobValidationException ex)
        {
            foreach (var (key, messages) in ex.Errors)
            {
                foreach (var m in messages) ModelState.AddModelError(WizardFields.FieldFor(key, draft), m);
            }
            return await ShowFirstErrorAsync(draft, ct);
        }
    }

    /// <summary>The template version a draft came from ("Run" on a template), when it exists; a draft is never trusted.</summary>
    private async Task<Jobs.Core.Domain.JobOrigin> OriginAsync(JobDraft draft, CancellationToken ct) =>
        draft is { TemplateId: { } t, TemplateVersion: { } v } && await templates.VersionExistsAsync(t, v, ct)
            ? new Jobs.Core.Domain.JobOrigin(t, v)
            : Jobs.Core.Domain.JobOrigin.None;

    /// <summary>Shows the earliest step that has an error, keeping every value the operator entered.</summary>
    private async Task<IActionResult> ShowFirstErrorAsync(JobDraft draft, CancellationToken ct)
    {
        var step = JobWizardService.FirstErrorStep(ModelState);
        JobPreview? preview = null;
        if (step == WizardStep.Review)
        {
            // Re-plan for the page (the error is about the whole job, e.g. the targets changed meanwhile).
            var scratch = new Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary();
            preview = await wizard.ValidateStepAsync(WizardStep.Schedule, draft, scratch, ct);
        }
        return await ShowAsync(step, draft, preview, ct);
    }

    private async Task<IActionResult> ShowAsync(WizardStep step, JobDraft draft, JobPreview? preview, CancellationToken ct, bool fresh = false)
    {
        ViewData["Title"] = $"New job · {step}";
        ViewData["Section"] = "new";
        // A new key each time Review is shown: Create sent twice from this page makes one job (issue 13).
        draft.IdempotencyKey = step == WizardStep.Review ? Guid.NewGuid().ToString("N") : null;
        return View("~/Views/Jobs/New.cshtml", await wizard.PageAsync(step, draft, preview, fresh, ct));
    }
}
