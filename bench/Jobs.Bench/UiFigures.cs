using System.Diagnostics;
using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Jobs.Web.Export;
using Jobs.Web.Models;
using Jobs.Web.Services;

namespace Jobs.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/Jobs.Bench -- ui [hosts]</c>: the UI's targets on a 100,000-host job —
/// the Excel export (under 5 s and 300 MB peak) and the dashboard reads (job + batches, a host page, a filtered page,
/// the last page, a search). The database is built by a child process first, so this process's peak working set
/// is the export's and the reads', not the seeding's.
/// </summary>
public static class UiFigures
{
    public static async Task<int> RunAsync(string[] args)
    {
        var hosts = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        if (args[0] == "ui-seed")
        {
            var seeded = await LargeJob.CreateAsync(args[2], hosts);
            Console.WriteLine($"seeded job {seeded} with {hosts:N0} hosts");
            return 0;
        }

        var dbPath = await LargeJob.EnsureSeededAsync(hosts);
        if (dbPath is null) return 1;

        var clock = TimeProvider.System;
        long jobId;
        await using (var db = new JobsDbContext(LargeJob.Options(dbPath))) jobId = db.Jobs.Select(j => j.Id).Single();

        // Dashboard reads, each timed after one warm-up.
        async Task<double> TimeAsync(string what, Func<JobQueries, Task> read)
        {
            await using (var warm = new JobsDbContext(LargeJob.Options(dbPath))) await read(new JobQueries(warm, clock));
            var runs = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                await using var db = new JobsDbContext(LargeJob.Options(dbPath));
                var sw = Stopwatch.StartNew();
                await read(new JobQueries(db, clock));
                runs.Add(sw.Elapsed.TotalMilliseconds);
            }
            runs.Sort();
            Console.WriteLine($"{what,-44} median {runs[2],7:0.0} ms   max {runs[^1],7:0.0} ms");
            return runs[2];
        }

        Console.WriteLine($"job {jobId}: {hosts:N0} hosts");
        await TimeAsync("dashboard: job + batches (+ live JSON)", async q => JobLiveDto.From((await q.SummaryAsync(jobId, default))!));
        await TimeAsync("dashboard: host page 1", async q => await q.HostsAsync((await q.SummaryAsync(jobId, default))!, new HostListQuery(null, null, null, 1), default));
        await TimeAsync("dashboard: host page 2,000 (last)", async q => await q.HostsAsync((await q.SummaryAsync(jobId, default))!, new HostListQuery(null, null, null, hosts / JobQueries.HostPageSize), default));
        await TimeAsync("dashboard: failed hosts, page 1", async q => await q.HostsAsync((await q.SummaryAsync(jobId, default))!, new HostListQuery(HostStatus.Failed, null, null, 1), default));
        await TimeAsync("dashboard: batch 7, page 3", async q => await q.HostsAsync((await q.SummaryAsync(jobId, default))!, new HostListQuery(null, 7, null, 3), default));
        await TimeAsync("dashboard: search 'app-0999' (counts matches)", async q => await q.HostsAsync((await q.SummaryAsync(jobId, default))!, new HostListQuery(null, null, "app-0999", 1), default));
        await TimeAsync("job list page (batch counters)", async q => await q.ListAsync(new JobListQuery(null, null, null, 1), default));

        // Export, three runs; the process's peak working set covers all of them.
        var times = new List<double>();
        long size = 0;
        for (var i = 0; i < 3; i++)
        {
            await using var db = new JobsDbContext(LargeJob.Options(dbPath));
            var queries = new JobQueries(db, clock);
            var export = new JobExport(db, queries);
            var sw = Stopwatch.StartNew();
            var file = await export.CreateAsync(jobId, default);
            await using (var stream = file!.Value.Stream)
            {
                size = stream.Length;
                await stream.CopyToAsync(Stream.Null);
            }
            times.Add(sw.Elapsed.TotalSeconds);
        }
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine($"export {hosts:N0} hosts: {string.Join(" / ", times.Select(t => $"{t:0.00} s"))}, file {size / 1024.0 / 1024.0:0.0} MB, " +
                          $"peak working set {self.PeakWorkingSet64 / 1024.0 / 1024.0:0} MB (targets: < 5 s, < 300 MB)");
        var ok = times.Min() < 5 && self.PeakWorkingSet64 < 300L * 1024 * 1024;
        Console.WriteLine(ok ? "targets met" : "TARGETS MISSED");
        return ok ? 0 : 1;
    }
}
