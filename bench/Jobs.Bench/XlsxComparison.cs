using System.Diagnostics;
using System.Globalization;
using Jobs.Core.Persistence;
using Jobs.Web.Export;
using Jobs.Web.Services;

namespace Jobs.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Jobs.Bench -- xlsx [hosts] [runs]</c>: JOBS' own job workbook (Summary, Batches,
/// Hosts) for a 100,000-host job, written by the product's streaming <see cref="JobExport"/> (OpenXmlWriter) and by
/// <see cref="ClosedXmlJobExport"/>, each in its own child process so each peak working set is that writer's alone.
/// Targets (issue 11): under 5 s and under 300 MB. Figures and the decision: docs/decisions/0006-excel-writer.md.
/// </summary>
public static class XlsxComparison
{
    private static readonly string[] Writers = ["openxml", "closedxml"];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args[0] == "xlsx-run") return await RunOneAsync(args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture));
        var hosts = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var runs = args.Length > 2 ? args[2] : "2";
        var dbPath = await LargeJob.EnsureSeededAsync(hosts);
        if (dbPath is null) return 1;
        Console.WriteLine($"{"writer",-10} {"hosts",8} {"runs (s)",-20} {"file",8} {"peak WS",9}  targets (< 5 s, < 300 MB)");
        var exit = 0;
        foreach (var writer in Writers)
        {
            using var child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, ["xlsx-run", writer, dbPath, runs]) { UseShellExecute = false })!;
            await child.WaitForExitAsync();
            exit |= child.ExitCode;
        }
        return exit == 0 ? 0 : 1;
    }

    /// <summary>One writer, <paramref name="runs"/> times into a temporary file; prints one line of figures.</summary>
    private static async Task<int> RunOneAsync(string writer, string dbPath, int runs)
    {
        var times = new List<double>();
        long size = 0;
        int hosts = 0;
        for (var i = 0; i < runs; i++)
        {
            await using var db = new JobsDbContext(LargeJob.Options(dbPath));
            var queries = new JobQueries(db, TimeProvider.System);
            var jobId = db.Jobs.Select(j => j.Id).Single();
            var path = Path.Combine(Path.GetTempPath(), $"jobs-bench-{writer}-{Guid.NewGuid():N}.xlsx");
            var sw = Stopwatch.StartNew();
            var job = (await queries.SummaryAsync(jobId, default))!;
            hosts = job.Counts.Total;
            if (writer == "openxml") await new JobExport(db, queries).WriteAsync(job, path, default);
            else await ClosedXmlJobExport.WriteAsync(db, job, path, default);
            times.Add(sw.Elapsed.TotalSeconds);
            size = new FileInfo(path).Length;
            File.Delete(path);
        }
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var peakMb = self.PeakWorkingSet64 / 1024.0 / 1024.0;
        var met = times.Min() < 5 && peakMb < 300;
        Console.WriteLine($"{writer,-10} {hosts,8:N0} {string.Join(" / ", times.Select(t => t.ToString("0.00", CultureInfo.InvariantCulture))),-20} " +
                          $"{size / 1024.0 / 1024.0,6:0.0} MB {peakMb,6:0} MB  {(met ? "met" : "MISSED")}");
        return 0;
    }
}
