using ClosedXML.Excel;
using Jobs.Core.Domain;
using Jobs.Core.Persistence;
using Jobs.Web.Export;
using Jobs.Web.Models;
using Jobs.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace Jobs.Bench;

/// <summary>
/// The same workbook as <see cref="JobExport"/> — Summary, Batches and Hosts sheets with its columns, a bold frozen
/// header, an auto-filter, fixed widths, real dates and numbers — written with ClosedXML 0.95.4, for the comparison only.
/// The hosts query mirrors <c>JobExport.WriteHostsAsync</c> (streamed, untracked, output cut in SQL), so the writers
/// differ in how they write, not in what they read.
/// </summary>
internal static class ClosedXmlJobExport
{
    public static async Task WriteAsync(JobsDbContext db, JobSummary job, string path, CancellationToken ct)
    {
        using var book = new XLWorkbook();
        var summary = Sheet(book, "Summary", JobExport.SummaryColumns);
        var row = 2;
        foreach (var (field, value) in new (string, object?)[]
                 {
                     ("Job id", job.Id), ("Name", job.Name), ("Status", StatusText.Label(job.Status)), ("Filter", job.Filter),
                     ("Executor", job.Executor), ("Batch plan", job.BatchPlan), ("Hosts", job.Counts.Total),
                     ("Succeeded", job.Counts.Succeeded), ("Failed", job.Counts.Failed), ("Exported at (UTC)", job.Now),
                 })
        {
            summary.Cell(row, 1).SetValue(field);
            Set(summary.Cell(row++, 2), value);
        }
        Finish(summary, JobExport.SummaryColumns, row - 1);

        var batches = Sheet(book, "Batches", JobExport.BatchColumns);
        row = 2;
        foreach (var b in job.Batches)
        {
            object?[] values =
            [
                b.Index, b.Size, StatusText.Label(b.Status), b.Counts.Succeeded, b.Counts.Failed, b.Counts.TimedOut, b.Counts.Canceled,
                b.Counts.Skipped, b.Counts.Pending, b.Counts.Running, b.GatePassed switch { true => "passed", false => "failed", null => null },
                b.GateReason, b.StartedAt, b.FinishedAt, b.Duration(job.Now) is { } d ? Math.Round(d.TotalSeconds, 1) : null,
                b.P50Ms / 1000.0, b.P95Ms / 1000.0, b.ApprovedBy,
            ];
            for (var c = 0; c < values.Length; c++) Set(batches.Cell(row, c + 1), values[c]);
            row++;
        }
        Finish(batches, JobExport.BatchColumns, row - 1);

        var hosts = Sheet(book, "Hosts", JobExport.HostColumns);
        row = 2;
        var rows = db.HostTasks.AsNoTracking()
            .Where(h => h.JobId == job.Id)
            .OrderBy(h => h.BatchIndex).ThenBy(h => h.Position)
            .Select(h => new
            {
                h.Hostname, h.Ip, h.Idc, h.Env, h.App, h.BatchIndex, h.Status, h.ExitCode, h.Category, h.StartedAt, h.FinishedAt,
                h.DurationMs,
                Stdout = h.Stdout == null ? null : h.Stdout.Substring(0, JobExport.OutputExcerptChars),
                Stderr = h.Stderr == null ? null : h.Stderr.Substring(0, JobExport.OutputExcerptChars),
            })
            .AsAsyncEnumerable();
        await foreach (var h in rows.WithCancellation(ct))
        {
            Set(hosts.Cell(row, 1), h.Hostname);
            Set(hosts.Cell(row, 2), h.Ip);
            Set(hosts.Cell(row, 3), h.Idc);
            Set(hosts.Cell(row, 4), h.Env);
            Set(hosts.Cell(row, 5), h.App);
            Set(hosts.Cell(row, 6), h.BatchIndex);
            Set(hosts.Cell(row, 7), StatusText.Label(h.Status));
            Set(hosts.Cell(row, 8), h.ExitCode);
            Set(hosts.Cell(row, 9), h.Category?.ToString());
            Set(hosts.Cell(row, 10), h.StartedAt);
            Set(hosts.Cell(row, 11), h.FinishedAt);
            Set(hosts.Cell(row, 12), h.DurationMs / 1000.0);
            Set(hosts.Cell(row, 13), JobExport.Output(h.Stdout, h.Stderr));
            row++;
        }
        Finish(hosts, JobExport.HostColumns, row - 1);
        book.SaveAs(path);
    }

    private static IXLWorksheet Sheet(XLWorkbook book, string name, IReadOnlyList<XlsxColumn> columns)
    {
        var sheet = book.AddWorksheet(name);
        for (var c = 0; c < columns.Count; c++)
        {
            sheet.Cell(1, c + 1).SetValue(columns[c].Header);
            var column = sheet.Column(c + 1);
            column.Width = columns[c].Width;
            if (columns[c].Kind == XlsxColumnKind.Date) column.Style.NumberFormat.Format = "yyyy-mm-dd hh:mm:ss";
            if (columns[c].Kind == XlsxColumnKind.Decimal) column.Style.NumberFormat.Format = "0.0##";
        }
        var header = sheet.Row(1);
        header.Style.Font.Bold = true;
        header.Style.Fill.BackgroundColor = XLColor.FromHtml("#E7E9EE");
        sheet.SheetView.FreezeRows(1);
        return sheet;
    }

    private static void Finish(IXLWorksheet sheet, IReadOnlyList<XlsxColumn> columns, int lastRow) =>
        sheet.Range(1, 1, Math.Max(1, lastRow), columns.Count).SetAutoFilter();

    private static void Set(IXLCell cell, object? value)
    {
        switch (value)
        {
            case null: break;
            case string s: cell.SetValue(s); break;
            case DateTime d: cell.SetValue(DateTime.SpecifyKind(d, DateTimeKind.Unspecified)); break;
            case DateTimeOffset o: cell.SetValue(o.UtcDateTime); break;
            case int i: cell.SetValue(i); break;
            case long l: cell.SetValue(l); break;
            case double x: cell.SetValue(x); break;
            default: cell.SetValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)); break;
        }
    }
}
