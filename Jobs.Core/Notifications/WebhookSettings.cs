using Jobs.Core.Domain;
using Jobs.Core.Auditing;
using Jobs.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jobs.Core.Notifications;

/// <summary>
/// Settings → Notifications: the webhooks, configured (<c>Jobs:Notifications:Webhooks</c>, global, read-only here) and
/// added by Admins (stored; global or for one template's jobs; enable, disable, remove). Every change is audited; the
/// audit shows a URL masked.
/// </summary>
public sealed class WebhookSettings(JobsDbContext db, IOptionsMonitor<NotificationOptions> options, TimeProvider clock)
{
    public async Task<IReadOnlyList<WebhookTarget>> AllAsync(CancellationToken ct)
    {
        var stored = await db.NotificationWebhooks.AsNoTracking().OrderBy(w => w.Name).ToListAsync(ct);
        return options.CurrentValue.ConfiguredTargets().OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
            .Concat(stored.Select(w => w.ToTarget())).ToList();
    }

    /// <summary>Adds a webhook; returns field → message when it is not valid (nothing written).</summary>
    public async Task<Dictionary<string, string>> AddAsync(string? name, string? url, WebhookFormat format,
        IReadOnlyCollection<NotificationEvent> events, Actor actor, CancellationToken ct, long? templateId = null)
    {
        var errors = WebhookTarget.Validate(name, url, events);
        string? template = null;
        if (templateId is { } tid && (template = await db.JobTemplates.AsNoTracking().Where(t => t.Id == tid).Select(t => t.Name).SingleOrDefaultAsync(ct)) is null)
            errors["templateId"] = $"Template: no template has the id {tid}; choose one from the list, or every job.";
        if (errors.Count > 0) return errors;
        var trimmed = name!.Trim();
        if ((await AllAsync(ct)).Any(t => string.Equals(t.Name, trimmed, StringComparison.OrdinalIgnoreCase)))
            return new Dictionary<string, string> { ["name"] = $"Name: a webhook named '{trimmed}' exists already." };
        var webhook = new NotificationWebhook(trimmed, url!, format, events, actor.Name, clock.GetUtcNow().UtcDateTime, templateId);
        db.NotificationWebhooks.Add(webhook);
        db.Audit(clock, actor, "notifications.webhook-add", $"webhook/{trimmed}",
            $"{trimmed}: {WebhookUrl.Mask(webhook.Url)}, {format}, events {webhook.Events}, " + (template is null ? "every job" : $"jobs of template '{template}'"));
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>The templates a webhook can be limited to, by name.</summary>
    public async Task<IReadOnlyList<(long Id, string Name)>> TemplatesAsync(CancellationToken ct) =>
        (await db.JobTemplates.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct))
        .Select(t => (t.Id, t.Name)).ToList();

    /// <summary>Enables, disables or (<paramref name="enabled"/> null) removes a stored webhook. False: no such stored webhook.</summary>
    public async Task<bool> ChangeAsync(string name, bool? enabled, Actor actor, CancellationToken ct)
    {
        var webhook = await db.NotificationWebhooks.SingleOrDefaultAsync(w => w.Name == name, ct);
        if (webhook is null) return false;
        string action;
        if (enabled is { } on)
        {
            webhook.SetEnabled(on);
            action = on ? "webhook-enable" : "webhook-disable";
        }
        else
        {
            db.NotificationWebhooks.Remove(webhook);
            action = "webhook-remove";
        }
        db.Audit(clock, actor, "notifications." + action, $"webhook/{name}", $"{name}: {WebhookUrl.Mask(webhook.Url)}");
        await db.SaveChangesAsync(ct);
        return true;
    }
}
