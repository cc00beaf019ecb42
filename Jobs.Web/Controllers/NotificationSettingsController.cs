using Jobs.Core.Domain;
using Jobs.Core.Notifications;
using Jobs.Web.Infrastructure;
using Jobs.Web.Models;
using Jobs.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Jobs.Web.Controllers;

/// <summary>Settings → Notifications: webhooks, global or per template (configured ones read-only; added ones enable, disable, remove).</summary>
[Route("settings/notifications")]
[Authorize(Policy = Policies.Admin)]
public sealed class NotificationSettingsController(WebhookSettings webhooks, IOptionsMonitor<NotificationOptions> options, CurrentActor actor) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => await PageAsync(new WebhookForm(), ct);

    [HttpPost("")]
    public async Task<IActionResult> Add([Bind(Prefix = "Form")] WebhookForm form, CancellationToken ct)
    {
        var errors = await webhooks.AddAsync(form.Name, form.Url, form.Format, form.Events, actor.Get(), ct, form.TemplateId);
        if (errors.Count == 0)
        {
            TempData["Message"] = $"Webhook {form.Name!.Trim()} added; it is told about new job events from now on.";
            return RedirectToAction(nameof(Index));
        }
        foreach (var (field, message) in errors) ModelState.AddModelError("Form." + char.ToUpperInvariant(field[0]) + field[1..], message);
        return await PageAsync(form, ct);
    }

    [HttpPost("{name}/enable")]
    public Task<IActionResult> Enable(string name, CancellationToken ct) => ChangeAsync(name, true, "enabled", ct);

    [HttpPost("{name}/disable")]
    public Task<IActionResult> Disable(string name, CancellationToken ct) => ChangeAsync(name, false, "disabled", ct);

    [HttpPost("{name}/remove")]
    public Task<IActionResult> Remove(string name, CancellationToken ct) => ChangeAsync(name, null, "removed", ct);

    private async Task<IActionResult> ChangeAsync(string name, bool? enabled, string done, CancellationToken ct)
    {
        if (await webhooks.ChangeAsync(name, enabled, actor.Get(), ct)) TempData["Message"] = $"Webhook {name} {done}.";
        else TempData["Error"] = $"No webhook named '{name}' was added here (configured ones change in Jobs:Notifications:Webhooks).";
        return RedirectToAction(nameof(Index));
    }

    private async Task<IActionResult> PageAsync(WebhookForm form, CancellationToken ct)
    {
        ViewData["Title"] = "Notifications";
        ViewData["Section"] = "settings";
        return View("~/Views/Settings/Notifications.cshtml",
            new NotificationSettingsPage { Webhooks = await webhooks.AllAsync(ct), Form = form, PublicUrl = options.CurrentValue.PublicUrl, Templates = await webhooks.TemplatesAsync(ct) });
    }
}
