using System.Text.Json.Nodes;
using Jobs.Core.Auditing;
using Jobs.Core.Domain;
using Jobs.Core.Execution;
using Jobs.Core.Filtering;
using Jobs.Core.Persistence;
using Jobs.Core.Planning;
using Jobs.Core.Security;
using Jobs.Core.Templating;
using Microsoft.EntityFrameworkCore;
using Jobs.Core.Engine;

namespace Jobs.Core.Application;

/// <summary>
/// Who may do what to which servers: an Operator's server scope (creation and controls) and the two-person rule for
/// dangerous commands. Checked in the job service, so the pages and the API cannot differ.
/// </summary>
internal static class JobAccess
{
    /// <summary>How many out-of-scope hosts a message names.</summary>
    private const int NamedHosts = 5;

    /// <summary>Why the targets of <paramref name="filter"/> are not all within the actor's scope, or null.</summary>
    public static async Task<string?> TargetsOutsideScopeAsync(JobsDbContext db, Actor actor, HostFilter filter, CancellationToken ct)
    {
        if (!actor.IsScoped) return null;
        if (!HostFilter.TryParse(actor.Scope, out var scope, out _))
            return $"Your server scope ({actor.Scope}) is not a valid filter, so it covers no server; ask an Admin to fix it.";
        var inScope = scope.Apply(db.Servers.AsNoTracking());
        var outside = filter.Apply(db.Servers.AsNoTracking())
            .Where(s => s.Status == ServerStatus.Online)
            .Where(s => !inScope.Any(i => i.Id == s.Id));
        var count = await outside.CountAsync(ct);
        if (count == 0) return null;
        var names = await outside.OrderBy(s => s.Hostname).Select(s => s.Hostname).Take(NamedHosts).ToListAsync(ct);
        return Describe(count == 1 ? "1 target is" : $"{count} targets are", count, names, actor.Scope!) + " Narrow the filter to servers your scope covers.";
    }

    /// <summary>Throws when a job has a host outside the actor's scope: controls need a scope that covers every target.</summary>
    /// <exception cref="OutOfScopeException"/>
    public static async Task RequireJobInScopeAsync(JobsDbContext db, Actor actor, long jobId, CancellationToken ct)
    {
        if (!actor.IsScoped) return;
        var scopeIsValid = HostFilter.TryParse(actor.Scope, out var scope, out _);
        var inScope = (scopeIsValid ? scope! : HostFilter.All).Apply(db.Servers.AsNoTracking());
        var outside = db.HostTasks.AsNoTracking().Where(h => h.JobId == jobId);
        // A host gone from the inventory is outside every scope (nobody can show it is theirs).
        if (scopeIsValid) outside = outside.Where(h => !inScope.Any(s => s.Hostname == h.Hostname));
        var count = await outside.CountAsync(ct);
        if (count == 0) return;
        var names = await outside.OrderBy(h => h.Hostname).Select(h => h.Hostname).Take(NamedHosts).ToListAsync(ct);
        throw new OutOfScopeException(Describe(count == 1 ? $"1 host of job {jobId} is" : $"{count} hosts of job {jobId} are", count, names, actor.Scope!) +
                                      " Only someone whose scope covers every host of the job may control it.");
    }

    /// <summary>
    /// The two-person rule: the first dangerous fragment in the job's command strings, rendered for each target host,
    /// or null. The simulator runs nothing, so its jobs are never held.
    /// </summary>
    public static string? FindDangerous(DangerousCommands rules, IExecutor executor, JsonObject? parameters, IEnumerable<PlanTarget> targets)
    {
        if (executor.Descriptor.IsSimulation) return null;
        var strings = Placeholders.Strings(parameters).ToList();
        var perHost = strings.Where(Placeholders.HasHostPlaceholder).ToList();
        foreach (var s in strings.Except(perHost))
        {
            if (rules.Find(s) is { } m) return m.ToString();
        }
        if (perHost.Count == 0) return null;
        foreach (var t in targets)
        {
            var values = new PlaceholderValues(t.Hostname, t.Ip, t.Idc, t.Env, t.App, 0, 0);
            foreach (var s in perHost)
            {
                if (rules.Find(Placeholders.Render(s, values)) is { } m) return $"{m} on {t.Hostname}";
            }
        }
        return null;
    }

    private static string Describe(string subject, int count, IReadOnlyList<string> names, string scope) =>
        $"{subject} outside your server scope ({scope}): " +
        string.Join(", ", names) + (count > names.Count ? $" and {count - names.Count} more." : ".");
}
