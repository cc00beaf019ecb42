using Jobs.Core.Auditing;
using Jobs.Core.Persistence;
using Jobs.Core.Security;
using Jobs.Web.Infrastructure;
using Jobs.Web.Models;
using Jobs.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Jobs.Web.Controllers;

/// <summary>Sign-in and sign-out (local password or single sign-on), and a user's own account: password and API keys.</summary>
public sealed class AccountController(
    SignInManager<JobsUser> signIn, UserManager<JobsUser> users, UserAdministration admin, AuditTrail audit,
    CurrentActor actor, TimeProvider clock, IOptions<AuthOptions> auth) : Controller
{
    [HttpGet("/login")]
    [AllowAnonymous]
    public IActionResult Login(string? returnUrl) => LoginView(new LoginForm { ReturnUrl = returnUrl });

    [HttpPost("/login")]
    [AllowAnonymous]
    [EnableRateLimiting(SecuritySetup.LoginRateLimit)]
    public async Task<IActionResult> Login(LoginForm form)
    {
        if (!ModelState.IsValid) return LoginView(form);
        var user = await users.FindByNameAsync(form.UserName!.Trim());
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.PasswordSignInAsync(user, form.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await AuditAsync(new Actor(user!.UserName!, actor.Get().ClientIp), "auth.sign-in", user.UserName!, "signed in with a password");
            return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl! : "/");
        }
        var why = user switch
        {
            { Disabled: true } => "This account is disabled. Ask an Admin.",
            _ when result.IsLockedOut => $"Too many failed attempts: this account is locked for up to {auth.Value.LockoutMinutes} minutes.",
            _ => "The user name or password is not right.",
        };
        var reason = user is null ? "unknown user" : user.Disabled ? "disabled" : result.IsLockedOut ? "locked out" : "wrong password";
        await AuditAsync(actor.Get(), "auth.sign-in-failed", form.UserName!.Trim(), reason);
        ModelState.AddModelError("", why);
        return LoginView(form);
    }

    [HttpGet("/login/sso")]
    [AllowAnonymous]
    public async Task<IActionResult> SingleSignOn(string? returnUrl,
        [FromServices] IOptionsMonitor<Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions> oidc)
    {
        if (!auth.Value.Oidc.Enabled) return NotFound();
        try
        {
            // Ask the provider first, so that one that is down is a message on the login page, not an error page.
            await oidc.Get(SecuritySetup.OidcScheme).ConfigurationManager!.GetConfigurationAsync(HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or HttpRequestException)
        {
            return LoginView(new LoginForm { ReturnUrl = returnUrl },
                $"{auth.Value.Oidc.DisplayName} does not answer right now; sign in with a password or try again later.");
        }
        var redirect = Url.Action(nameof(SingleSignOnCallback), new { returnUrl });
        return Challenge(signIn.ConfigureExternalAuthenticationProperties(SecuritySetup.OidcScheme, redirect), SecuritySetup.OidcScheme);
    }

    [HttpGet("/login/sso/callback")]
    [AllowAnonymous]
    public async Task<IActionResult> SingleSignOnCallback(string? returnUrl)
    {
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null) return LoginView(new LoginForm { ReturnUrl = returnUrl }, "Single sign-on did not complete; try again.");
        var result = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false);
        if (!result.Succeeded)
        {
            if (result.IsLockedOut) return LoginView(new LoginForm(), "This account is disabled or locked. Ask an Admin.");
            var name = info.Principal.Identity?.Name ?? info.ProviderKey;
            // First sign-in: an account with no role; an Admin grants one on the Users page.
            var user = new JobsUser(await FreeUserNameAsync(name)) { CreatedAt = clock.GetUtcNow().UtcDateTime };
            var created = await users.CreateAsync(user);
            if (created.Succeeded) created = await users.AddLoginAsync(user, info);
            if (!created.Succeeded) return LoginView(new LoginForm(), string.Join(" ", created.Errors.Select(e => e.Description)));
            await signIn.SignInAsync(user, isPersistent: false);
            await AuditAsync(new Actor(user.UserName!, actor.Get().ClientIp), "user.create", user.UserName!, $"first single sign-on through {info.ProviderDisplayName}; no role until an Admin grants one");
        }
        await AuditAsync(actor.Get(), "auth.sign-in", info.Principal.Identity?.Name ?? info.ProviderKey, $"signed in through {info.ProviderDisplayName}");
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/account");
    }

    [HttpPost("/logout")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Logout()
    {
        var who = actor.Get();
        await signIn.SignOutAsync();
        await AuditAsync(who, "auth.sign-out", who.Name, "signed out");
        return Redirect("/login");
    }

    [HttpGet("/account")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> Index(CancellationToken ct) => await AccountView(null, ct);

    [HttpPost("/account/password")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> ChangePassword(ChangePasswordForm form, CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Forbid();
        if (ModelState.IsValid)
        {
            var result = await users.ChangePasswordAsync(user, form.CurrentPassword!, form.NewPassword!);
            if (result.Succeeded)
            {
                await signIn.RefreshSignInAsync(user);
                await AuditAsync(actor.Get(), "user.change-password", user.UserName!, "changed own password");
                TempData["Message"] = "Your password was changed.";
                return RedirectToAction(nameof(Index));
            }
            foreach (var e in result.Errors)
                ModelState.AddModelError(e.Code == "PasswordMismatch" ? nameof(form.CurrentPassword) : nameof(form.NewPassword), e.Description);
        }
        return await AccountView(null, ct, form);
    }

    [HttpPost("/account/keys")]
    [Authorize(Policy = Policies.Viewer)]
    public async Task<IActionResult> CreateKey(string? name, CancellationToken ct)
    {
        try
        {
            var secret = await admin.CreateKeyAsync(users.GetUserId(User)!, name, actor.Get(), ct);
            // Shown on this response only (never stored or redirected with): the user copies it now.
            return await AccountView(secret, ct);
        }
        catch (UserChangeException ex)
        {
            foreach (var (field, message) in ex.Errors) ModelState.AddModelError("KeyName", message);
            return await AccountView(null, ct);
        }
    }

    [HttpPost("/account/keys/{keyId:long}/revoke")]
    [Authorize(Policy = Policies.Viewer)]
    public async Task<IActionResult> RevokeKey(long keyId, CancellationToken ct)
    {
        try
        {
            await admin.RevokeKeyAsync(users.GetUserId(User)!, keyId, actor.Get(), ct);
            TempData["Message"] = "The key was revoked; calls with it are refused from now on.";
        }
        catch (KeyNotFoundException)
        {
            return NotFound();
        }
        catch (Core.Domain.InvalidTransitionException ex)
        {
            TempData["Error"] = ex.Message;
        }
        return RedirectToAction(nameof(Index));
    }

    private IActionResult LoginView(LoginForm form, string? error = null)
    {
        if (error is not null) ModelState.AddModelError("", error);
        ViewData["Title"] = "Sign in";
        ViewData["Oidc"] = auth.Value.Oidc.Enabled ? auth.Value.Oidc.DisplayName : null;
        form.Password = null;
        return View("Login", form);
    }

    private async Task<IActionResult> AccountView(string? newKey, CancellationToken ct, ChangePasswordForm? form = null)
    {
        var id = users.GetUserId(User)!;
        ViewData["Title"] = "Your account";
        ViewData["Section"] = "account";
        return View("Index", new AccountViewModel
        {
            User = await admin.FindAsync(id, ct),
            Keys = await admin.KeysAsync(id, ct),
            NewKey = newKey,
            Password = form ?? new ChangePasswordForm(),
        });
    }

    private async Task<string> FreeUserNameAsync(string wanted)
    {
        var name = new string(wanted.Where(c => char.IsAsciiLetterOrDigit(c) || "-._@+".Contains(c)).ToArray());
        if (name.Length == 0) name = "sso-user";
        var candidate = name;
        for (var i = 2; await users.FindByNameAsync(candidate) is not null; i++) candidate = $"{name}-{i}";
        return candidate;
    }

    private Task AuditAsync(Actor who, string action, string userName, string detail) =>
        audit.RecordAsync(who, action, $"user/{userName}", detail);
}
