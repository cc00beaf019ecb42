using System.Globalization;
using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Jobs.Web.Models;
using Jobs.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Web.Export;

/// <summary>
/// The job's Excel export: sheets Summary, Batches and Hosts. Hosts are read with one streaming, untracked query in
/// dispatch order and written row by row, so a 100,000-host job never sits in memory.
/// </summary>
public sealed class JobExport(JobsDbContext db, JobQueries queries)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const int OutputExcerptChars = 1000;

    public static readonly IReadOnlyList<XlsxColumn> HostColumns =
    [
        new("Hostname", XlsxColumnKind.Text, 28),
        new("IP", XlsxColumnKind.Text, 16),
        new("IDC", XlsxColumnKind.Text, 8),
        new("Env", XlsxColumnKind.Text, 8),
        new("App", XlsxColumnKind.Text, 18),
        new("Batch", XlsxColumnKind.Integer, 7),
        new("State", XlsxColumnKind.Text, 11),
        new("Exit code", XlsxColumnKind.Integer, 9),
        new("Category", XlsxColumnKind.Text, 12),
        new("Started (UTC)", XlsxColumnKind.Date, 20),
        new("Finished (UTC)", XlsxColumnKind.Date, 20),
        new("Duration (s)", XlsxColumnKind.Decimal, 12),
        new("Output", XlsxColumnKind.Text, 60),
    ];

    public static readonly IReadOnlyList<XlsxColumn> BatchColumns =
    [
        new("Batch", XlsxColumnKind.Integer, 7),
        new("Size", XlsxColumnKind.Integer, 8),
        new("Status", XlsxColumnKind.Text, 11),
        new("Succeeded", XlsxColumnKind.Integer, 10),
        new("Failed", XlsxColumnKind.Integer, 8),
        new("Timed out", XlsxColumnKind.Integer, 9),
        new("Canceled", XlsxColumnKind.Integer, 9),
        new("Skipped", XlsxColumnKind.Integer, 8),
        new("Pending", XlsxColumnKind.Integer, 8),
        new("Running", XlsxColumnKind.Integer, 8),
        new("Gate", XlsxColumnKind.Text, 8),
        new("Gate reason", XlsxColumnKind.Text, 48),
        new("Started (UTC)", XlsxColumnKind.Date, 20),
        new("Finished (UTC)", XlsxColumnKind.Date, 20),
        new("Duration (s)", XlsxColumnKind.Decimal, 12),
        new("p50 (s)", XlsxColumnKind.Decimal, 9),
        new("p95 (s)", XlsxColumnKind.Decimal, 9),
        new("Approved by", XlsxColumnKind.Text, 14),
    ];

    public static readonly IReadOnlyList<XlsxColumn> SummaryColumns =
    [
        new("Field", XlsxColumnKind.Text, 22),
        new("Value", XlsxColumnKind.Text, 70),
    ];

    /// <summary>File name offered to the browser, e.g. <c>job-42-patch-order-api.xlsx</c>.</summary>
    public static string FileName(long id, string name)
    {
        var slug = new string(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal)) slug = slug.Replace("--", "-", StringComparison.Ordinal);
        if (slug.Length > 40) slug = slug[..40].TrimEnd('-');
        return slug.Length == 0 ? $"job-{id}.xlsx" : $"job-{id}-{slug}.xlsx";
    }

    /// <summary>
    /// Writes the workbook to a temporary file and returns it open for reading; the file is deleted when the stream
    /// is closed. Null when the job does not exist.
    /// </summary>
    public async Task<(FileStream Stream, string FileName)?> CreateAsync(long jobId, CancellationToken ct)
    {
        var job = await queries.SummaryAsync(jobId, ct);
        if (job is null) return null;
        var stream = await XlsxWorkbook.WriteTemporaryAsync($"jobs-export-{jobId}", path => WriteAsync(job, path, ct));
        return (stream, FileName(job.Id, job.Name));
    }

    public async Task WriteAsync(JobSummary job, string path, CancellationToken ct)
    {
        using var book = new XlsxWorkbook(path);
        using (var sheet = book.AddSheet("Summary", SummaryColumns)) WriteSummary(sheet, job);
        using (var sheet = book.AddSheet("Batches", BatchColumns)) WriteBatches(sheet, job);
        book.AddStreamedSheet("Hosts", HostColumns, job.Counts.Total);
        await book.SaveAsync(sheet => WriteHostsAsync(sheet, job.Id, ct), ct);
    }

    private static void WriteSummary(XlsxWorkbook.SheetWriter sheet, JobSummary job)
    {
        var c = job.Counts;
        void Row(string field, object? value)
        {
            sheet.BeginRow();
            sheet.Text(field);
            sheet.Value(value);
        }
        Row("Job id", job.Id);
        Row("Name", job.Name);
        Row("Description", job.Description.Length == 0 ? null : job.Description);
        Row("Status", StatusText.Label(job.Status));
        Row("Stop reason", job.StopReason);
        Row("Stopped at", job.StoppedAt);
        Row("Filter", job.Filter);
        Row("Executor", job.Executor);
        Row("Parameters", job.ParametersJson);
        Row("Batch plan", job.BatchPlan);
        Row("Batches", job.Batches.Count);
        Row("Parallelism", job.Parallelism);
        Row("Host timeout (s)", job.HostTimeoutSeconds);
        Row("Stratify", job.Stratify ? "yes" : "no");
        Row("Max per app %", job.MaxPerAppPercent);
        Row("Gates", GateText.Describe(job.Gates));
        Row("On gate failure", job.OnGateFailure.ToString().ToLowerInvariant());
        Row("Created by", job.CreatedBy);
        Row("Created (UTC)", job.CreatedAt);
        Row("Start at (UTC)", job.StartAt);
        Row("Started (UTC)", job.StartedAt);
        Row("Finished (UTC)", job.FinishedAt);
        Row("Duration (s)", job.Elapsed is { } e ? Math.Round(e.TotalSeconds, 1) : null);
        Row("Hosts", c.Total);
        Row("Hosts that ran", c.Ran);
        Row("Progress %", Math.Round(c.ProgressPercent, 1));
        Row("Excluded hosts", job.ExcludedHosts);
        Row("Succeeded", c.Succeeded);
        Row("Failed", c.Failed);
        Row("Timed out", c.TimedOut);
        Row("Canceled", c.Canceled);
        Row("Skipped", c.Skipped);
        Row("Pending", c.Pending);
        Row("Running", c.Running);
        Row("Success rate %", c.SuccessRate is { } r ? Math.Round(r, 2) : null);
        Row("Exported at (UTC)", job.Now);
    }

    private static void WriteBatches(XlsxWorkbook.SheetWriter sheet, JobSummary job)
    {
        foreach (var b in job.Batches)
        {
            sheet.BeginRow();
            sheet.Number(b.Index);
            sheet.Number(b.Size);
            sheet.Text(StatusText.Label(b.Status));
            sheet.Number(b.Counts.Succeeded);
            sheet.Number(b.Counts.Failed);
            sheet.Number(b.Counts.TimedOut);
            sheet.Number(b.Counts.Canceled);
            sheet.Number(b.Counts.Skipped);
            sheet.Number(b.Counts.Pending);
            sheet.Number(b.Counts.Running);
            sheet.Text(b.GatePassed switch { true => "passed", false => "failed", null => null });
            sheet.Text(b.GateReason);
            sheet.Date(b.StartedAt);
            sheet.Date(b.FinishedAt);
            sheet.Number(b.Duration(job.Now) is { } d ? Math.Round(d.TotalSeconds, 1) : null);
            sheet.Number(b.P50Ms / 1000.0);
            sheet.Number(b.P95Ms / 1000.0);
            sheet.Text(b.ApprovedBy);
        }
    }

    private async Task WriteHostsAsync(XlsxWorkbook.SheetWriter sheet, long jobId, CancellationToken ct)
    {
        // Only the first characters of each output leave the database (substr in SQL), not the full 64 KiB.
        var rows = db.HostTasks.AsNoTracking()
            .Where(h => h.JobId == jobId)
            .OrderBy(h => h.BatchIndex).ThenBy(h => h.Position)
            .Select(h => new
            {
                h.Hostname, h.Ip, h.Idc, h.Env, h.App, h.BatchIndex, h.Status, h.ExitCode, h.Category, h.StartedAt, h.FinishedAt,
                h.DurationMs,
                Stdout = h.Stdout == null ? null : h.Stdout.Substring(0, OutputExcerptChars),
                Stderr = h.Stderr == null ? null : h.Stderr.Substring(0, OutputExcerptChars),
            })
            .AsAsyncEnumerable();
        await foreach (var h in rows.WithCancellation(ct))
        {
            sheet.BeginRow();
            sheet.Text(h.Hostname);
            sheet.Text(h.Ip);
            sheet.Text(h.Idc);
            sheet.Text(h.Env);
            sheet.Text(h.App);
            sheet.Number(h.BatchIndex);
            sheet.Text(StatusText.Label(h.Status));
            sheet.Number(h.ExitCode);
            sheet.Text(h.Category?.ToString());
            sheet.Date(h.StartedAt);
            sheet.Date(h.FinishedAt);
            sheet.Number(h.DurationMs / 1000.0);
            sheet.Text(Output(h.Stdout, h.Stderr));
        }
    }

    /// <summary>Stdout, then stderr marked as such, cut to <see cref="OutputExcerptChars"/> characters.</summary>
    internal static string? Output(string? stdout, string? stderr)
    {
        var text = string.IsNullOrEmpty(stderr) ? stdout
            : string.IsNullOrEmpty(stdout) ? "[stderr] " + stderr
            : stdout.TrimEnd() + "\n[stderr] " + stderr;
        if (string.IsNullOrEmpty(text)) return null;
        if (text.Length <= OutputExcerptChars) return text;
        var cut = OutputExcerptChars;
        if (char.IsHighSurrogate(text[cut - 1])) cut--;
        return text[..cut];
    }
}
