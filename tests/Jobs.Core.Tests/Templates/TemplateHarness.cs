using System.Text.Json.Nodes;
using Jobs.Core.Auditing;
using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Jobs.Core.Security;
using Jobs.Core.Templates;
using Jobs.Core.Tests.Engine;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Jobs.Core.Tests.Templates;

/// <summary>Templates on the engine harness (real SQLite, ManualClock, the real job service): a user to own schedules,
/// a template, and calls through each service in a scope of its own (as a request or a background job would).</summary>
internal static class TemplateHarness
{
    public static readonly Actor Alice = EngineHarness.Alice;

    /// <summary>Adds the user <paramref name="name"/> with <paramref name="role"/> (schedules run as their owner).</summary>
    public static async Task AddUserAsync(EngineHarness h, string name, string role)
    {
        await using var db = h.Database.CreateContext();
        var user = new JobsUser(name) { NormalizedUserName = name.ToUpperInvariant(), CreatedAt = DateTime.UnixEpoch };
        var r = new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() };
        db.Users.Add(user);
        db.Roles.Add(r);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = r.Id });
        await db.SaveChangesAsync();
    }

    public static TemplateInput Input(string command = "echo {{var.version}}", string filter = "env=prod", string? note = null) => new()
    {
        Name = "deploy",
        Request = new JsonObject
        {
            ["filter"] = filter, ["executor"] = ScriptedExecutor.ExecutorName, ["batches"] = "100%",
            ["parameters"] = new JsonObject { ["command"] = command },
            ["gates"] = new JsonObject { ["maxFailurePercent"] = 10 },
        },
        Variables = [new TemplateVariable("version", Pattern: @"\d+\.\d+", Default: "1.0")],
        Note = note,
    };

    public static async Task<T> WithAsync<T>(EngineHarness h, Func<IServiceProvider, Task<T>> call)
    {
        await using var scope = h.NewScope();
        return await call(scope.ServiceProvider);
    }

    public static Task<long> CreateTemplateAsync(EngineHarness h, TemplateInput input) =>
        WithAsync(h, sp => sp.GetRequiredService<TemplateService>().CreateAsync(input, Alice, CancellationToken.None));

    public static Task<FireResult> FireAsync(EngineHarness h, long scheduleId) =>
        WithAsync(h, sp => sp.GetRequiredService<TemplateScheduleFires>().FireAsync(scheduleId, CancellationToken.None));

    public static async Task<List<TemplateScheduleFire>> FiresAsync(EngineHarness h, long scheduleId)
    {
        await using var db = h.Database.CreateContext();
        return db.TemplateScheduleFires.Where(f => f.ScheduleId == scheduleId).OrderBy(f => f.Occurrence).ToList();
    }

    public static async Task<List<Job>> JobsAsync(EngineHarness h)
    {
        await using var db = h.Database.CreateContext();
        return db.Jobs.OrderBy(j => j.Id).ToList();
    }
}
