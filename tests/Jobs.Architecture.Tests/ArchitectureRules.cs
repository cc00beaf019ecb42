using System.Reflection;
using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Microsoft.AspNetCore.Mvc;
using NetArchTest.Rules;

namespace Jobs.Architecture.Tests;

/// <summary>
/// The rules of README "Layout" as tests (issue 10). Each failure message says what is wrong and how to fix it.
/// </summary>
public sealed class ArchitectureRules
{
    private static readonly Assembly Core = typeof(Job).Assembly;
    private static readonly Assembly Executors = typeof(Jobs.Executors.DependencyInjection).Assembly;
    private static readonly Assembly Web = typeof(Jobs.Web.WebDependencyInjection).Assembly;

    /// <summary>
    /// Assemblies Jobs.Core may reference although their names match a forbidden prefix, each with the reason.
    /// </summary>
    private static readonly Dictionary<string, string> CoreAllowed = new(StringComparer.Ordinal)
    {
        // The Identity tables live in JobsDbContext (IdentityDbContext). This assembly holds only the EF model of
        // Identity; it depends on EF Relational and Microsoft.Extensions.Identity.Stores, not on ASP.NET Core hosting.
        ["Microsoft.AspNetCore.Identity.EntityFrameworkCore"] = "Identity's EF model for JobsDbContext",
        // Data-protection keys are stored in JobsDbContext so every node of a cluster shares them. The assembly holds
        // the EF model of the key table and depends on DataProtection and EF, not on ASP.NET Core hosting, MVC or HTTP.
        ["Microsoft.AspNetCore.DataProtection.EntityFrameworkCore"] = "data-protection key table in JobsDbContext",
    };

    /// <summary>Name prefixes of assemblies Core must not reference: web hosting/MVC, HTTP clients, database providers.</summary>
    private static readonly string[] CoreForbidden =
    [
        "Microsoft.AspNetCore", "System.Net.Http", "Microsoft.Extensions.Http", "Polly", "Refit",
        "Microsoft.EntityFrameworkCore.Sqlite", "Microsoft.Data.Sqlite", "Npgsql", "Microsoft.EntityFrameworkCore.SqlServer",
        "Microsoft.Data.SqlClient", "SQLitePCLRaw",
    ];

    /// <summary>
    /// Namespace cycles that exist on main and are being removed on another branch. An entry here must name the
    /// branch; <see cref="KnownCycles_StillExist"/> fails once the cycle is gone, so the exemption cannot outlive it.
    /// </summary>
    private static readonly Dictionary<string, string> KnownCycles = new(StringComparer.Ordinal)
    {
    };

    [Fact]
    public void Core_ReferencesNoWebHostingHttpClientOrDatabaseProvider()
    {
        var bad = Core.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(n => CoreForbidden.Any(p => n.StartsWith(p, StringComparison.Ordinal)) && !CoreAllowed.ContainsKey(n))
            .Order(StringComparer.Ordinal).ToList();
        Assert.True(bad.Count == 0,
            $"Jobs.Core references {string.Join(", ", bad)}. Core holds the domain and the engine and stays free of web " +
            "hosting, HTTP clients and database providers: put the code that needs it in Jobs.Executors (HTTP), Jobs.Web " +
            "(hosting, MVC) or a provider seam implemented outside Core (see README \"Layout\"), behind an interface Core owns.");
    }

    [Fact]
    public void ProductCode_HasNoNamespaceCycle()
    {
        var graph = NamespaceGraph.Of([Core.Location, Executors.Location, Web.Location], "Jobs.");
        var cycles = graph.Cycles().Where(c => !KnownCycles.ContainsKey(string.Join(", ", c))).ToList();
        Assert.True(cycles.Count == 0, Describe(graph, cycles));
    }

    [Fact]
    public void KnownCycles_StillExist()
    {
        var graph = NamespaceGraph.Of([Core.Location, Executors.Location, Web.Location], "Jobs.");
        var present = graph.Cycles().Select(c => string.Join(", ", c)).ToHashSet(StringComparer.Ordinal);
        var gone = KnownCycles.Keys.Where(k => !present.Contains(k)).ToList();
        Assert.True(gone.Count == 0,
            $"These namespace cycles are gone: {string.Join("; ", gone)}. Remove them from ArchitectureRules.KnownCycles " +
            "so that they cannot come back unnoticed.");
    }

    [Fact]
    public void Controllers_DoNotUseTheDbContext()
    {
        var result = Types.InAssembly(Web).That().Inherit(typeof(ControllerBase))
            .ShouldNot().HaveDependencyOn(typeof(JobsDbContext).FullName).GetResult();
        var names = result.FailingTypeNames ?? [];
        Assert.True(result.IsSuccessful,
            $"{string.Join(", ", names)} use JobsDbContext. Controllers stay thin: read through a query class " +
            "(Jobs.Web/Services/*Queries, Jobs.Web/Api/JobsApiQueries) and change state through a Core service " +
            "(IJobService, ServerImporter), then inject that into the controller.");
    }

    internal static string Describe(NamespaceGraph graph, List<List<string>> cycles)
    {
        var lines = new List<string>();
        foreach (var cycle in cycles)
        {
            lines.Add("Namespace cycle: " + string.Join(" <-> ", cycle));
            foreach (var from in cycle)
                foreach (var (to, example) in graph.From(from).Where(e => cycle.Contains(e.Key)))
                    lines.Add($"  {from} -> {to}: {example}");
        }
        lines.Add("A type sits in the namespace of the concern that owns it: move the type one of these edges names to the " +
                  "namespace that owns it (or to a small namespace both can use, as Jobs.Core.Templating), so the " +
                  "dependency points one way only. `python3 /work/shared/tools/nscycles.py` shows the same from source.");
        return string.Join(Environment.NewLine, lines);
    }
}
