using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Jobs.Bench.Scheduler;

/// <summary>One measured figure: what, the value as measured, its target (if any), whether it was met, and what limits it.</summary>
public sealed record Figure(string Section, string Name, string Measured, string Target = "", bool? Met = null, string Note = "")
{
    public string Verdict => Met switch { true => "met", false => "**missed**", null => "" };
}

/// <summary>Collects the figures, prints them as they come, and writes the table with the machine, date and commit.</summary>
public sealed class BenchReport
{
    private readonly List<Figure> _figures = [];
    private readonly List<string> _notes = [];
    private readonly DateTime _started = DateTime.UtcNow;
    private readonly string _loadAtStart = LoadAverage();

    public IReadOnlyList<Figure> Figures => _figures;

    public void Add(Figure figure)
    {
        _figures.Add(figure);
        var target = figure.Target.Length > 0 ? $"  (target {figure.Target}: {figure.Verdict.Trim('*')})" : "";
        Console.WriteLine($"  {figure.Name}: {figure.Measured}{target}{(figure.Note.Length > 0 ? "  — " + figure.Note : "")}");
    }

    /// <summary>A line under the table: how something was set up, what was installed.</summary>
    public void Note(string note)
    {
        _notes.Add(note);
        Console.WriteLine("  note: " + note);
    }

    /// <summary>The figures as a Markdown table; with <paramref name="notes"/> each measured cell also says what limited it.</summary>
    public string Table(bool notes = true)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| | figure | measured | target | |");
        sb.AppendLine("|---|---|---|---|---|");
        foreach (var group in _figures.GroupBy(f => f.Section).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var first = true;
            foreach (var f in group)
            {
                var note = notes && f.Note.Length > 0 ? $"<br>{f.Note}" : "";
                sb.AppendLine(CultureInfo.InvariantCulture, $"| {(first ? group.Key : "")} | {f.Name} | {f.Measured}{note} | {f.Target} | {f.Verdict} |");
                first = false;
            }
        }
        return sb.ToString();
    }

    public string Machine() =>
        $"{CpuModel()}, {Environment.ProcessorCount} cores, {MemTotalGb():0.0} GB RAM, {OsName()}, .NET {Environment.Version}";

    public async Task WriteAsync(string path, string command)
    {
        var finished = DateTime.UtcNow;
        var sb = new StringBuilder();
        sb.AppendLine("# Benchmarks");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Written by `{command}` (README, \"Performance\"). Re-run it to refresh this page.");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"- **Machine:** {Machine()}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- **Date:** {_started:yyyy-MM-dd HH:mm} UTC, {(finished - _started).TotalMinutes:0.0} minutes; load average at start {_loadAtStart}, at end {LoadAverage()}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- **Commit:** {await GitCommitAsync()}");
        sb.AppendLine();
        sb.Append(Table());
        sb.AppendLine();
        foreach (var note in _notes) sb.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, sb.ToString());
    }

    private static async Task<string> GitCommitAsync()
    {
        try
        {
            var commit = (await Shell.RunAsync("git", ["rev-parse", "--short=12", "HEAD"], JobsNode.RepoRoot)).Trim();
            var dirty = (await Shell.RunAsync("git", ["status", "--porcelain", "--untracked-files=no", "--", ".", ":!docs", ":!README.md"], JobsNode.RepoRoot)).Trim();
            var subject = (await Shell.RunAsync("git", ["log", "-1", "--format=%s"], JobsNode.RepoRoot)).Trim();
            return $"`{commit}`{(dirty.Length > 0 ? " + uncommitted code changes" : "")} — {subject}";
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return "unknown (git not available)";
        }
    }

    private static string CpuModel() =>
        ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
        ?? RuntimeInformation.ProcessArchitecture.ToString();

    private static double MemTotalGb() =>
        ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) is { } line
            ? long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0 / 1024.0
            : 0;

    private static string OsName() =>
        ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?[12..].Trim('"')
        ?? RuntimeInformation.OSDescription;

    public static string LoadAverage() => ReadLines("/proc/loadavg").FirstOrDefault() is { } l ? string.Join(' ', l.Split(' ').Take(3)) : "n/a";

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];
}
