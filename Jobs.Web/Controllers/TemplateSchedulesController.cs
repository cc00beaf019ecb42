using Jobs.Core.Application;
using Jobs.Core.Templates;
using Jobs.Web.Infrastructure;
using Jobs.Web.Models;
using Jobs.Web.Security;
using Jobs.Web.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jobs.Web.Controllers;

/// <summary>Recurring schedules on the template page: add (with the next five fire times shown first), enable,
/// disable, delete. Each fire is a normal job made by <see cref="TemplateScheduleFires"/>.</summary>
[Route("templates")]
[Authorize(Policy = Policies.Operator)]
public sealed class TemplateSchedulesController(TemplateSchedules schedules, TemplateQueries queries, CurrentActor actor) : Controller
{
    /// <param name="nav"><c>preview</c>: show the next five fire times and keep the form; otherwise save.</param>
    [HttpPost("{id:long}/schedules")]
    public async Task<IActionResult> Create(long id, [FromForm] ScheduleForm form, [FromForm] string? nav, CancellationToken ct)
    {
        ModelState.Clear();
        IReadOnlyList<DateTimeOffset>? preview = null;
        try
        {
            preview = schedules.Preview(form.Cron, form.TimeZone);
            if (nav != "preview")
            {
                await schedules.CreateAsync(id, Input(form), actor.Get(), ct);
                TempData["Message"] = $"Schedule '{form.Cron}' ({form.TimeZone}) saved; next run {preview[0]:yyyy-MM-dd HH:mm zzz}.";
                return RedirectToAction(nameof(TemplatesController.Show), "Templates", new { id });
            }
        }
        catch (TemplateNotFoundException)
        {
            return NotFound();
        }
        catch (JobValidationException ex)
        {
            TemplateForms.AddErrors(ex, ModelState, "ScheduleForm.");
        }
        if (await queries.DetailAsync(id, null, ct) is not { } vm) return NotFound();
        ViewData["Title"] = vm.Name;
        ViewData["Section"] = "templates";
        return View("~/Views/Templates/Show.cshtml", new TemplateDetailViewModel
        {
            Id = vm.Id, Name = vm.Name, Description = vm.Description, LatestVersion = vm.LatestVersion, ShownVersion = vm.ShownVersion,
            RequestJson = vm.RequestJson, Variables = vm.Variables, Versions = vm.Versions, Runs = vm.Runs, Schedules = vm.Schedules,
            ScheduleForm = form, SchedulePreview = ModelState.IsValid ? preview : null,
        });
    }

    /// <summary>The next five fire times of a cron expression in a time zone (a partial the page fetches as you type).</summary>
    [HttpGet("schedules/preview")]
    public IActionResult Preview(string? cron, string? timeZone)
    {
        Response.Headers.CacheControl = "no-store";
        try
        {
            return PartialView("~/Views/Templates/_NextRuns.cshtml", schedules.Preview(cron, timeZone));
        }
        catch (JobValidationException ex)
        {
            return PartialView("~/Views/Templates/_NextRuns.cshtml", ex.Errors.SelectMany(e => e.Value).ToList());
        }
    }

    [HttpPost("schedules/{scheduleId:long}/enable")]
    public Task<IActionResult> Enable(long scheduleId, CancellationToken ct) =>
        Change(scheduleId, () => schedules.SetEnabledAsync(scheduleId, true, actor.Get(), ct), "enabled", ct);

    [HttpPost("schedules/{scheduleId:long}/disable")]
    public Task<IActionResult> Disable(long scheduleId, CancellationToken ct) =>
        Change(scheduleId, () => schedules.SetEnabledAsync(scheduleId, false, actor.Get(), ct), "disabled", ct);

    [HttpPost("schedules/{scheduleId:long}/delete")]
    public async Task<IActionResult> Delete(long scheduleId, CancellationToken ct) =>
        await Change(scheduleId, () => schedules.DeleteAsync(scheduleId, actor.Get(), ct), "deleted", ct);

    private async Task<IActionResult> Change(long scheduleId, Func<Task> apply, string done, CancellationToken ct)
    {
        if (await queries.TemplateOfScheduleAsync(scheduleId, ct) is not { } templateId) return NotFound();
        await apply();
        TempData["Message"] = $"Schedule {scheduleId} {done}.";
        return RedirectToAction(nameof(TemplatesController.Show), "Templates", new { id = templateId });
    }

    private static ScheduleInput Input(ScheduleForm f) => new()
    {
        Cron = f.Cron, TimeZone = f.TimeZone, SkipIfLive = f.SkipIfLive, Enabled = f.Enabled,
        Variables = f.Variables.Where(kv => !string.IsNullOrWhiteSpace(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value),
    };
}
