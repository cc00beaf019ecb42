using Jobs.Web.Models;
using Jobs.Web.Services;

namespace Jobs.Web.Export;

/// <summary>The audit trail (as filtered on the page) as an Excel workbook: one streamed sheet, newest first, times in UTC.</summary>
public sealed class AuditExport(AuditQueries queries)
{
    public static readonly IReadOnlyList<XlsxColumn> Columns =
    [
        new("Time (UTC)", XlsxColumnKind.Date, 20),
        new("Actor", XlsxColumnKind.Text, 22),
        new("Action", XlsxColumnKind.Text, 20),
        new("Target", XlsxColumnKind.Text, 22),
        new("Detail", XlsxColumnKind.Text, 80),
        new("Client IP", XlsxColumnKind.Text, 16),
    ];

    /// <summary>A temporary file open for reading, deleted when the stream closes.</summary>
    public Task<FileStream> CreateAsync(AuditQuery query, CancellationToken ct) =>
        XlsxWorkbook.WriteTemporaryAsync("jobs-audit", async path =>
        {
            using var book = new XlsxWorkbook(path);
            book.AddStreamedSheet("Audit", Columns, 0);
            await book.SaveAsync(async sheet =>
            {
                await foreach (var e in queries.AllAsync(query).WithCancellation(ct))
                {
                    sheet.BeginRow();
                    sheet.Date(e.At);
                    sheet.Text(e.Actor);
                    sheet.Text(e.Action);
                    sheet.Text(e.Target);
                    sheet.Text(e.Detail);
                    sheet.Text(e.ClientIp);
                }
            }, ct);
        });
}
