using System.Runtime.CompilerServices;
using System.Text;
using Jobs.Core.Filtering;
using Jobs.Core.Persistence.SqlServer;
using Jobs.Core.Tests.Filtering;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Core.Tests.SqlServer;

/// <summary>
/// Every filter of <see cref="FilterTranslationTests"/> as SQL Server SQL (<c>ToQueryString()</c>, no server needed),
/// checked against <c>Snapshots/filters.sql</c> so a change to the dialect or the translation shows up as a reviewed
/// diff (issue 11). Whether that SQL selects the right rows needs a server: <see cref="SqlServerLiveTests"/>.
/// </summary>
public sealed class SqlServerFilterSnapshotTests
{
    private const string UpdateVariable = "JOBS_UPDATE_SNAPSHOTS";

    [Fact]
    public void ToQueryString_EveryTranslationFilter_MatchesTheCommittedSnapshot()
    {
        var actual = Render();
        var path = SnapshotPath();
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }
        var expected = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";

        Assert.True(expected == actual,
            $"The SQL Server SQL of the host filters differs from {path} ({FirstDifference(expected, actual)}). If the change " +
            $"is intended, refresh with `{UpdateVariable}=1 dotnet test tests/Jobs.Core.Tests --filter " +
            "FullyQualifiedName~SqlServerFilterSnapshotTests`, then review the diff (git diff) and commit it.");
    }

    [Fact]
    public void ToQueryString_EveryTranslationFilter_UsesTheSqlServerDialect()
    {
        using var ctx = SqlServerContexts.Offline();
        foreach (var filter in FilterTranslationTests.Filters())
        {
            var sql = Sql(ctx, filter);
            // The functions are always mapped: their C# names must never reach the server.
            Assert.DoesNotContain("Fold(", sql);
            Assert.DoesNotContain("Ordinal(", sql);
            Assert.DoesNotContain("RegexMatch", sql);
            if (filter.Text.Contains('~'))
                Assert.Contains($"{SqlServerDialect.RegexFunction}(", sql);
            if (filter.Text.Contains('<') || filter.Text.Contains('>'))
                Assert.Contains($"COLLATE {SqlServerDialect.BinaryCollation}", sql);
        }
    }

    private static string Render()
    {
        using var ctx = SqlServerContexts.Offline();
        var text = new StringBuilder();
        text.Append("-- SQL Server SQL of every filter in FilterTranslationTests (issue 11). Generated; see SqlServerFilterSnapshotTests.\n");
        foreach (var filter in FilterTranslationTests.Filters())
        {
            text.Append("\n-- filter: ").Append(filter.Text.ReplaceLineEndings(" ")).Append('\n');
            text.Append(Sql(ctx, filter)).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The query the translation suite runs: the filter, projected to hostnames.</summary>
    private static string Sql(DbContext ctx, HostFilter filter) =>
        filter.Apply(ctx.Set<Jobs.Core.Domain.Server>().AsNoTracking()).Select(s => s.Hostname).ToQueryString().ReplaceLineEndings("\n");

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var x = i < e.Length ? e[i] : "<end of file>";
            var y = i < a.Length ? a[i] : "<end of file>";
            if (x != y) return $"line {i + 1}: snapshot '{x}', now '{y}'";
        }
        return "no line differs";
    }

    private static string SnapshotPath([CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "Snapshots", "filters.sql");
}
