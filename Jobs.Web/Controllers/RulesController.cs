using Jobs.Core.Events;
using Jobs.Web.Infrastructure;
using Jobs.Web.Models;
using Jobs.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jobs.Web.Controllers;

/// <summary>
/// A template's event rules (issue 14): <c>/templates/{id}/rules</c> lists them (Viewer); an Operator creates, edits
/// and deletes them. Field errors come back on the form, in the service's words.
/// </summary>
[Authorize(Policy = Policies.Viewer)]
public sealed class RulesController(RuleService rules, EventQueries queries, ITemplateCatalog templates, CurrentActor actor) : Controller
{
    [HttpGet("/templates/{templateId:long}/rules")]
    public async Task<IActionResult> Index(long templateId, CancellationToken ct) =>
        await PageAsync("Index", templateId, null, null, ct) ?? NotFound();

    [HttpGet("/templates/{templateId:long}/rules/new")]
    [Authorize(Policy = Policies.Operator)]
    public async Task<IActionResult> New(long templateId, CancellationToken ct) =>
        await PageAsync("Form", templateId, null, new RuleForm(), ct) ?? NotFound();

    [HttpPost("/templates/{templateId:long}/rules")]
    [Authorize(Policy = Policies.Operator)]
    public async Task<IActionResult> Create(long templateId, RuleForm form, CancellationToken ct)
    {
        var problems = new List<(string, string)>();
        var input = form.ToInput(templateId, problems);
        try
        {
            if (problems.Count == 0)
            {
                var id = await rules.CreateAsync(input, actor.Get(), ct);
                TempData["Message"] = $"Rule {form.Name?.Trim()} was created.";
                return Redirect($"/templates/{templateId}/rules#rule-{id}");
            }
            await rules.ValidateAsync(templateId, input, ct);
        }
        catch (EventsValidationException ex)
        {
            problems.AddRange(ex.Errors.SelectMany(e => e.Value.Select(m => (RuleForm.Field(e.Key), m))));
        }
        catch (TemplateMissingException)
        {
            return NotFound();
        }
        foreach (var (field, message) in problems) ModelState.AddModelError(field, message);
        return await PageAsync("Form", templateId, null, form, ct) ?? NotFound();
    }

    /// <summary>One rule: its form (read-only without the Operator role).</summary>
    [HttpGet("/rules/{id:long}")]
    public async Task<IActionResult> Edit(long id, CancellationToken ct) =>
        await queries.RuleAsync(id, ct) is { } rule ? await PageAsync("Form", rule.TemplateId, id, RuleForm.From(rule), ct) ?? NotFound() : NotFound();

    [HttpPost("/rules/{id:long}")]
    [Authorize(Policy = Policies.Operator)]
    public async Task<IActionResult> Update(long id, RuleForm form, CancellationToken ct)
    {
        if (await queries.RuleAsync(id, ct) is not { } rule) return NotFound();
        var problems = new List<(string, string)>();
        var input = form.ToInput(null, problems);
        try
        {
            if (problems.Count == 0)
            {
                await rules.UpdateAsync(id, input, actor.Get(), ct);
                TempData["Message"] = $"Rule {form.Name?.Trim()} was saved.";
                return Redirect($"/templates/{rule.TemplateId}/rules#rule-{id}");
            }
            await rules.ValidateAsync(rule.TemplateId, input, ct);
        }
        catch (EventsValidationException ex)
        {
            problems.AddRange(ex.Errors.SelectMany(e => e.Value.Select(m => (RuleForm.Field(e.Key), m))));
        }
        foreach (var (field, message) in problems) ModelState.AddModelError(field, message);
        return await PageAsync("Form", rule.TemplateId, id, form, ct) ?? NotFound();
    }

    [HttpPost("/rules/{id:long}/delete")]
    [Authorize(Policy = Policies.Operator)]
    public async Task<IActionResult> Delete(long id, CancellationToken ct)
    {
        if (await queries.RuleAsync(id, ct) is not { } rule) return NotFound();
        await rules.DeleteAsync(id, actor.Get(), ct);
        TempData["Message"] = $"Rule {rule.Name} was deleted.";
        return Redirect($"/templates/{rule.TemplateId}/rules");
    }

    private async Task<IActionResult?> PageAsync(string view, long templateId, long? ruleId, RuleForm? form, CancellationToken ct)
    {
        if (await templates.DescribeAsync(templateId, ct) is not { } template) return null;
        ViewData["Title"] = ruleId is { } id ? $"Rule {id}" : form is null ? $"Rules of {template.Name}" : "New rule";
        ViewData["Section"] = "templates";
        return View(view, new RulesViewModel
        {
            TemplateId = templateId, TemplateName = template.Name, TemplateVariables = template.Variables.ToList(),
            Rules = form is null ? await queries.RulesAsync(templateId, ct) : [], Form = form ?? new RuleForm(), RuleId = ruleId,
        });
    }
}
