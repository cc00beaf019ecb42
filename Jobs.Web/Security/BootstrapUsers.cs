using System.Security.Cryptography;
using Jobs.Core.Auditing;
using Jobs.Core.Persistence;
using Jobs.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Jobs.Web.Security;

/// <summary>
/// At start-up: the three roles; on an empty user table the first admin <c>admin</c> (password from
/// <c>Jobs:Bootstrap:AdminPassword</c>, or generated and returned so it is printed once); and the optional bootstrap
/// API key. Safe on every start and on every node: existing users and keys are left alone.
/// </summary>
public sealed class BootstrapUsers(
    UserManager<JobsUser> users, RoleManager<IdentityRole> roles, JobsDbContext db, IOptions<BootstrapOptions> options,
    TimeProvider clock, ILogger<BootstrapUsers> logger)
{
    public const string AdminUserName = "admin";
    public const int MinApiKeyLength = 32;

    /// <summary>Returns the generated admin password when one was generated now, else null.</summary>
    public async Task<string?> RunAsync(CancellationToken ct)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role)) Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
        }
        string? generated = null;
        if (!await users.Users.AnyAsync(ct))
        {
            var password = options.Value.AdminPassword;
            if (string.IsNullOrWhiteSpace(password)) password = generated = Generate();
            var admin = new JobsUser(AdminUserName) { CreatedAt = clock.GetUtcNow().UtcDateTime };
            try
            {
                Check(await users.CreateAsync(admin, password), "create the first admin (Jobs:Bootstrap:AdminPassword)");
            }
            catch (DbUpdateException)
            {
                if (await users.FindByNameAsync(AdminUserName) is null) throw;
                return null; // another node, starting at the same moment, created it
            }
            Check(await users.AddToRoleAsync(admin, Roles.Admin), "grant Admin to the first admin");
            db.Audit(clock, Actor.System, "user.bootstrap", $"user/{AdminUserName}", "first admin created on an empty user table");
            await db.SaveChangesAsync(ct);
        }
        await EnsureBootstrapKeyAsync(ct);
        return generated;
    }

    private async Task EnsureBootstrapKeyAsync(CancellationToken ct)
    {
        if (options.Value.ApiKey is not { } secret || string.IsNullOrWhiteSpace(secret)) return;
        secret = secret.Trim();
        if (secret.Length < MinApiKeyLength)
            throw new OptionsValidationException(BootstrapOptions.Section, typeof(BootstrapOptions),
                [$"{BootstrapOptions.Section}:ApiKey must be at least {MinApiKeyLength} characters (use a long random value)."]);
        var hash = ApiKey.HashOf(secret);
        if (await db.ApiKeys.AnyAsync(k => k.Hash == hash, ct)) return;
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        var owner = admins.FirstOrDefault(u => u.UserName == AdminUserName) ?? admins.FirstOrDefault()
            ?? throw new InvalidOperationException($"{BootstrapOptions.Section}:ApiKey is set but no Admin user exists to own it.");
        db.ApiKeys.Add(ApiKey.FromSecret(owner.Id, "bootstrap", secret, clock.GetUtcNow().UtcDateTime));
        db.Audit(clock, Actor.System, "apikey.create", $"user/{owner.UserName}", "bootstrap API key from Jobs:Bootstrap:ApiKey");
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Bootstrap API key created for {User}", owner.UserName);
    }

    /// <summary>20 characters from a 57-character alphabet without look-alikes: about 117 bits.</summary>
    private static string Generate() =>
        RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 20);

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}
