using System.Diagnostics;
using System.Globalization;

namespace Jobs.Bench.Scheduler;

/// <summary>
/// <c>dotnet run -c Release --project bench/Jobs.Bench -- scheduler [throughput] [ansible] [api] [failover]</c>: the
/// scheduler's figures (issue 12) measured on real JOBS processes — the built Jobs.Web started with environment
/// configuration, driven only through its HTTP API — on the embedded SQLite and on PostgreSQL. Prints a table and
/// writes docs/benchmarks.md. Without section names it runs all four.
/// </summary>
public static class SchedulerFigures
{
    public const string Command = "dotnet run -c Release --project bench/Jobs.Bench -- scheduler";
    private static readonly string[] AllSections = ["throughput", "api", "ansible", "failover"];

    public static async Task<int> RunAsync(string[] args)
    {
        var sections = args.Skip(1).Select(a => a.ToLowerInvariant()).ToHashSet();
        if (sections.Except(AllSections).FirstOrDefault() is { } unknown)
        {
            await Console.Error.WriteLineAsync($"Unknown section '{unknown}'; use {string.Join(", ", AllSections)} (none = all).");
            return 2;
        }
        if (sections.Count == 0) sections = [.. AllSections];

        var report = new BenchReport();
        var total = Stopwatch.StartNew();
        Console.WriteLine($"JOBS scheduler benchmarks: {string.Join(", ", AllSections.Where(sections.Contains))}");
        Console.WriteLine($"machine: {report.Machine()}; load average {BenchReport.LoadAverage()}");
        Console.WriteLine($"node: {JobsNode.WebDll}");
        var dataRoot = Directory.CreateTempSubdirectory("jobs-bench-scheduler.").FullName;
        var failed = false;

        if (sections.Overlaps(["throughput", "api", "ansible"]))
            failed |= !await Section("SQLite node", report, () => SqliteAsync(sections, dataRoot, report));
        if (sections.Overlaps(["throughput", "failover"]))
            failed |= !await Section("PostgreSQL", report, () => PostgresAsync(sections, dataRoot, report));

        report.Note(string.Create(CultureInfo.InvariantCulture,
            $"Nodes: `dotnet Jobs.Web/bin/Release/net10.0/Jobs.Web.dll`, Production settings, configured by environment variables " +
            $"(URL on 127.0.0.1, database, bootstrap API key, `Jobs:Executors:local:Enabled=true`); jobs created and read through `/api/v1` only. " +
            $"The whole run took {total.Elapsed.TotalMinutes:0.0} minutes."));
        Console.WriteLine();
        Console.WriteLine(report.Table(notes: false));
        var path = Path.Combine(JobsNode.RepoRoot, "docs", "benchmarks.md");
        await report.WriteAsync(path, Command);
        Console.WriteLine($"wrote {path}");
        if (failed) Console.WriteLine($"node logs kept in {dataRoot}");
        else TryDelete(dataRoot);
        return failed ? 1 : 0;
    }

    private static async Task SqliteAsync(HashSet<string> sections, string dataRoot, BenchReport report)
    {
        await using var node = await JobsNode.StartAsync("sqlite", Path.Combine(dataRoot, "sqlite"), new Dictionary<string, string>
        {
            ["Database:Provider"] = "Sqlite",
            ["Jobs:Executors:local:Enabled"] = "true",
        });
        await ImportAsync(node, "SQLite", report);
        long? big = null;
        if (sections.Contains("throughput"))
            big = await Section("throughput, SQLite", report, () => ThroughputFigures.RunAsync(node, "SQLite", report));
        if (sections.Contains("api"))
        {
            big ??= await ThroughputFigures.RunAsync(node, "SQLite", report);
            await Section("export", report, () => ApiFigures.ExportAsync(node, big.Value, report));
            await Section("reads under load", report, () => ApiFigures.ReadsUnderLoadAsync(node, report));
        }
        if (sections.Contains("ansible"))
            await Section("against Ansible", report, () => AnsibleFigures.RunAsync(node, report));
    }

    private static async Task PostgresAsync(HashSet<string> sections, string dataRoot, BenchReport report)
    {
        await using var postgres = await BenchPostgres.StartAsync(report.Note);
        report.Note($"PostgreSQL: {postgres.Description}.");
        if (sections.Contains("throughput"))
        {
            await Section("throughput, PostgreSQL", report, async () =>
            {
                await using var node = await JobsNode.StartAsync("postgres", Path.Combine(dataRoot, "postgres"), new Dictionary<string, string>
                {
                    ["Database:Provider"] = "Postgres",
                    ["ConnectionStrings:Jobs"] = await postgres.NewDatabaseAsync(),
                });
                await ImportAsync(node, "PostgreSQL", report);
                await ThroughputFigures.RunAsync(node, "PostgreSQL", report);
            });
        }
        if (sections.Contains("failover"))
            await Section("failover", report, () => FailoverFigures.RunAsync(postgres, dataRoot, report));
    }

    private static async Task ImportAsync(JobsNode node, string database, BenchReport report)
    {
        var sw = Stopwatch.StartNew();
        await node.Api.ImportServersAsync(BenchInventory.Csv(100_000));
        report.Note(string.Create(CultureInfo.InvariantCulture,
            $"{database}: 100,000 servers imported through `POST /api/v1/servers/import` in {sw.Elapsed.TotalSeconds:0.0} s (set-up, not a target)."));
    }

    /// <summary>Runs one part; a failure becomes a row of the table (and the exit code), and the other parts still run.</summary>
    private static async Task<bool> Section(string name, BenchReport report, Func<Task> run)
    {
        Console.WriteLine($"== {name} (load average {BenchReport.LoadAverage()})");
        try
        {
            await run();
            return true;
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or HttpRequestException or IOException
                                       or Npgsql.NpgsqlException or TaskCanceledException or System.ComponentModel.Win32Exception)
        {
            report.Add(new Figure("not measured", name, "failed", Met: false, Note: ex.Message.ReplaceLineEndings(" ")));
            return false;
        }
    }

    private static async Task<T?> Section<T>(string name, BenchReport report, Func<Task<T>> run) where T : struct
    {
        T? result = null;
        await Section(name, report, async () => result = await run());
        return result;
    }

    private static void TryDelete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
