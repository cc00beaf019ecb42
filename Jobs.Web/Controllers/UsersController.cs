using Jobs.Web.Infrastructure;
using Jobs.Web.Models;
using Jobs.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jobs.Web.Controllers;

/// <summary>Settings → Users (Admins): create users, grant a role and a server scope, disable, reset passwords, API keys.</summary>
[Route("settings/users")]
[Authorize(Policy = Policies.Admin)]
public sealed class UsersController(UserAdministration admin, CurrentActor actor) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => await ListView(new NewUserForm(), ct);

    [HttpPost("")]
    public async Task<IActionResult> Create(NewUserForm form, CancellationToken ct)
    {
        try
        {
            var id = await admin.CreateAsync(form.UserName, form.Password, form.Role, form.Scope, actor.Get(), ct);
            TempData["Message"] = $"User {form.UserName!.Trim()} was created.";
            return RedirectToAction(nameof(Edit), new { id });
        }
        catch (UserChangeException ex)
        {
            AddErrors(ex, "Form.");
            form.Password = null;
            return await ListView(form, ct);
        }
    }

    [HttpGet("{id}")]
    public async Task<IActionResult> Edit(string id, CancellationToken ct) => await EditView(id, null, null, ct);

    [HttpPost("{id}")]
    public async Task<IActionResult> Update(string id, string? role, string? scope, bool disabled, CancellationToken ct)
    {
        try
        {
            await admin.UpdateAsync(id, role, scope, disabled, actor.Get(), ct);
            TempData["Message"] = "Saved. Open sessions of this user pick the change up within a minute; API keys at once.";
            return RedirectToAction(nameof(Edit), new { id });
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        catch (UserChangeException ex)
        {
            AddErrors(ex, "");
            return await EditView(id, null, (role, scope, disabled), ct);
        }
    }

    [HttpPost("{id}/password")]
    public async Task<IActionResult> ResetPassword(string id, string? password, CancellationToken ct)
    {
        try
        {
            await admin.ResetPasswordAsync(id, password, actor.Get(), ct);
            TempData["Message"] = "The password was reset. Give it to the user over a channel you trust.";
            return RedirectToAction(nameof(Edit), new { id });
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        catch (UserChangeException ex)
        {
            foreach (var message in ex.Errors.Values) ModelState.AddModelError("NewPassword", message);
            return await EditView(id, null, null, ct);
        }
    }

    [HttpPost("{id}/keys")]
    public async Task<IActionResult> CreateKey(string id, string? name, CancellationToken ct)
    {
        try
        {
            var secret = await admin.CreateKeyAsync(id, name, actor.Get(), ct);
            return await EditView(id, secret, null, ct);
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        catch (UserChangeException ex)
        {
            foreach (var message in ex.Errors.Values) ModelState.AddModelError("KeyName", message);
            return await EditView(id, null, null, ct);
        }
    }

    [HttpPost("{id}/keys/{keyId:long}/revoke")]
    public async Task<IActionResult> RevokeKey(string id, long keyId, CancellationToken ct)
    {
        try
        {
            await admin.RevokeKeyAsync(id, keyId, actor.Get(), ct);
            TempData["Message"] = "The key was revoked.";
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        catch (Core.Domain.InvalidTransitionException ex)
        {
            TempData["Error"] = ex.Message;
        }
        return RedirectToAction(nameof(Edit), new { id });
    }

    private async Task<IActionResult> ListView(NewUserForm form, CancellationToken ct)
    {
        ViewData["Title"] = "Users";
        ViewData["Section"] = "settings";
        return View("Index", new UsersViewModel { Users = await admin.ListAsync(ct), Form = form });
    }

    private async Task<IActionResult> EditView(string id, string? newKey, (string? Role, string? Scope, bool Disabled)? posted, CancellationToken ct)
    {
        var user = await admin.FindAsync(id, ct);
        if (user is null) return NotFound();
        ViewData["Title"] = user.UserName;
        ViewData["Section"] = "settings";
        return View("Edit", new UserEditViewModel
        {
            User = user,
            Keys = await admin.KeysAsync(id, ct),
            NewKey = newKey,
            Role = posted?.Role ?? user.Role,
            Scope = posted?.Scope ?? user.Scope,
            Disabled = posted?.Disabled ?? user.Disabled,
        });
    }

    private void AddErrors(UserChangeException ex, string prefix)
    {
        foreach (var (field, message) in ex.Errors)
            ModelState.AddModelError(prefix + char.ToUpperInvariant(field[0]) + field[1..], message);
    }
}
