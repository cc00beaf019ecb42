using Jobs.Core.Application;
using Jobs.Core.Domain;
using Jobs.Core.Templates;
using Jobs.Web.Infrastructure;
using Jobs.Web.Models;
using Jobs.Web.Security;
using Jobs.Web.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jobs.Web.Controllers;

/// <summary>
/// <c>/templates</c>: the list, a template's page (versions, runs, schedules), create and edit (each save is a new
/// version), "Save as template" from the wizard's review and from a job, and Run (its variables, then the wizard's
/// review, where Create makes the job through the job service like any other).
/// </summary>
[Route("templates")]
[Authorize(Policy = Policies.Viewer)]
public sealed class TemplatesController(TemplateQueries queries, TemplateService templates, TemplateForms forms, CurrentActor actor)
    : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => Page("Templates", View(await queries.ListAsync(ct)));

    [HttpGet("{id:long}")]
    public async Task<IActionResult> Show(long id, int? version, CancellationToken ct) =>
        await queries.DetailAsync(id, version, ct) is { } vm ? Page(vm.Name, View(vm)) : NotFound();

    /// <param name="fromJob">"Save as template" on a job: its settings fill the form.</param>
    [HttpGet("new")]
    [Authorize(Policy = Policies.Operator)]
    public async Task<IActionResult> New(long? fromJob, [FromServices] JobQueries jobs, CancellationToken ct)
    {
        var form = new TemplateEditForm { RequestJson = "{\n  \"filter\": \"env=prod and app = {{var.app}}\",\n  \"executor\": \"simulated\",\n  \"batches\": \"1%,5%,10%\"\n}" };
        if (fromJob is { } id)
        {
            if (await jobs.SummaryAsync(id, ct) is not { } job) return NotFound();
            var draft = JobDraft.From(job);
            draft.Name = job.Name;
            form = forms.FromDraft(draft, ModelState, $"job {id}") ?? form;
        }
        return Edit(null, null, form);
    }

    /// <summary>"Save as template" on the wizard's review step: the whole draft, as the wizard posts it.</summary>
    [HttpPost("draft")]
    [Authorize(Policy = Policies.Operator)]
    public IActionResult FromDraft([FromForm] JobDraft draft)
    {
        ModelState.Clear();
        var form = forms.FromDraft(draft, ModelState, "the new-job wizard") ?? new TemplateEditForm { Name = draft.Name };
        return Edit(null, null, form);
    }

    [HttpPost("new")]
    [Authorize(Policy = Policies.Operator)]
    public async Task<IActionResult> Create([FromForm] TemplateEditForm form, CancellationToken ct)
    {
        if (TemplateForms.ToInput(form, ModelState) is not { } input || !ModelState.IsValid) return Edit(null, null, form);
        try
        {
            var id = await templates.CreateAsync(input, actor.Get(), ct);
            TempData["Message"] = $"Template “{input.Name}” saved as version 1.";
            return RedirectToAction(nameof(Show), new { id });
        }
        catch (JobValidationException ex)
        {
            TemplateForms.AddErrors(ex, ModelState);
            return Edit(null, null, form);
        }
    }

    [HttpGet("{id:long}/edit")]
    [Authorize(Policy = Policies.Operator)]
    public async Task<IActionResult> Edit(long id, CancellationToken ct) =>
        await queries.EditAsync(id, ct) is { } vm ? Edit(vm.Id, vm.LatestVersion, vm.Form) : NotFound();

    [HttpPost("{id:long}/edit")]
    [Authorize(Policy = Policies.Operator)]
    public async Task<IActionResult> Update(long id, [FromForm] TemplateEditForm form, CancellationToken ct)
    {
        if (TemplateForms.ToInput(form, ModelState) is not { } input || !ModelState.IsValid) return Edit(id, null, form);
        try
        {
            var version = await templates.UpdateAsync(id, input, actor.Get(), ct);
            TempData["Message"] = $"Template “{input.Name}” saved as version {version}; jobs made from earlier versions keep theirs.";
            return RedirectToAction(nameof(Show), new { id });
        }
        catch (TemplateNotFoundException)
        {
            return NotFound();
        }
        catch (JobValidationException ex)
        {
            TemplateForms.AddErrors(ex, ModelState);
            return Edit(id, null, form);
        }
        catch (InvalidTransitionException ex)
        {
            ModelState.AddModelError("", ex.Message);
            return Edit(id, null, form);
        }
    }

    [HttpGet("{id:long}/run")]
    [Authorize(Policy = Policies.Operator)]
    public async Task<IActionResult> Run(long id, CancellationToken ct)
    {
        if (await queries.DetailAsync(id, null, ct) is not { } t) return NotFound();
        return RunForm(t, new Dictionary<string, string>());
    }

    /// <summary>Checks the variables (field errors on this form), then shows the rendered job at the wizard's review.</summary>
    [HttpPost("{id:long}/run")]
    [Authorize(Policy = Policies.Operator)]
    public async Task<IActionResult> Run(long id, [FromForm] Dictionary<string, string>? variables, [FromServices] TemplateRenderer renderer,
        [FromServices] JobWizardService wizard, CancellationToken ct)
    {
        if (await queries.DetailAsync(id, null, ct) is not { } t) return NotFound();
        variables ??= [];
        ModelState.Clear();
        var rendered = await renderer.RenderAsync(id, t.LatestVersion, variables, ct);
        if (rendered.Request is null)
        {
            TemplateForms.AddErrors(new JobValidationException(rendered.Errors), ModelState);
            return RunForm(t, variables);
        }
        var draft = JobDraft.From(rendered.Request);
        draft.TemplateId = id;
        draft.TemplateVersion = rendered.Version;
        var preview = await wizard.ValidateStepAsync(WizardStep.Review, draft, ModelState, ct);
        var step = JobWizardService.FirstErrorStep(ModelState);
        ViewData["Title"] = $"New job · {step}";
        ViewData["Section"] = "new";
        ViewData["FromTemplate"] = $"{t.Name} (version {rendered.Version})";
        return View("~/Views/Jobs/New.cshtml", await wizard.PageAsync(step, draft, preview, fresh: false, ct));
    }

    private IActionResult RunForm(TemplateDetailViewModel t, IReadOnlyDictionary<string, string> values) =>
        Page($"Run {t.Name}", View("Run", new TemplateRunViewModel { Id = t.Id, Name = t.Name, Version = t.LatestVersion, Variables = t.Variables, Values = values }));

    private IActionResult Edit(long? id, int? latest, TemplateEditForm form)
    {
        var missing = TemplateForms.BlankRows - form.Variables.Count(v => string.IsNullOrWhiteSpace(v.Name));
        for (var i = 0; i < missing; i++) form.Variables.Add(new VariableRow());
        return Page(id is null ? "New template" : $"Edit template {form.Name}",
            View("Edit", new TemplateEditViewModel { Id = id, LatestVersion = latest, Form = form }));
    }

    private IActionResult Page(string title, IActionResult result)
    {
        ViewData["Title"] = title;
        ViewData["Section"] = "templates";
        return result;
    }
}
