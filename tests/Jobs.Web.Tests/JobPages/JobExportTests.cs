using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Jobs.Testing;
using Jobs.Web.Export;
using Jobs.Web.Services;
using Jobs.Web.Tests.Infrastructure;

namespace Jobs.Web.Tests.JobPages;

public sealed class JobExportTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(TestProvider.Sqlite);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<string> ExportAsync(long jobId)
    {
        await using var ctx = _db.CreateContext();
        var queries = new JobQueries(ctx, new ManualClock(new DateTimeOffset(JobSeeder.T0.AddHours(2))));
        var export = new JobExport(ctx, queries);
        var job = await queries.SummaryAsync(jobId, default);
        var path = Path.Combine(_db.Folder, $"job-{jobId}.xlsx");
        await export.WriteAsync(job!, path, default);
        return path;
    }

    [Fact]
    public async Task Export_SmallJob_HasThreeSheetsWithHeadersAndOneRowPerHost()
    {
        long id;
        await using (var ctx = _db.CreateContext()) id = await JobSeeder.SeedAsync(ctx, [2, 10, 30], finishAll: true);

        var path = await ExportAsync(id);

        using var doc = SpreadsheetDocument.Open(path, false);
        var wb = doc.WorkbookPart!;
        Assert.Equal(["Summary", "Batches", "Hosts"], wb.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!));
        var hosts = Rows(wb, "Hosts");
        Assert.Equal(JobExport.HostColumns.Select(c => c.Header), hosts[0].Select(c => Text(wb, c)));
        Assert.Equal(1 + 42, hosts.Count);
        Assert.Equal(["Batch", "Size", "Status"], Rows(wb, "Batches")[0].Take(3).Select(c => Text(wb, c)));
        Assert.Equal(4, Rows(wb, "Batches").Count);
        // Hosts in dispatch order: batch 1 first.
        Assert.Equal("web-00000.sh2.example", Text(wb, hosts[1][0]));
        Assert.Equal("1", At(hosts[1], "F").CellValue!.Text);
        Assert.Null(At(hosts[1], "F").DataType); // a number, not text
    }

    [Fact]
    public async Task Export_EveryTimeColumnAndRow_SaysUtc_Issue9()
    {
        long id;
        await using (var ctx = _db.CreateContext()) id = await JobSeeder.SeedAsync(ctx, [2, 10], finishAll: true);

        var path = await ExportAsync(id);

        using var doc = SpreadsheetDocument.Open(path, false);
        var wb = doc.WorkbookPart!;
        var headers = Rows(wb, "Hosts")[0].Concat(Rows(wb, "Batches")[0]).Select(c => Text(wb, c)).ToList();
        Assert.Contains("Started (UTC)", headers);
        Assert.Contains("Finished (UTC)", headers);
        Assert.DoesNotContain("Started", headers);
        var summaryFields = Rows(wb, "Summary").Select(r => Text(wb, r[0])).ToList();
        Assert.All(new[] { "Created (UTC)", "Start at (UTC)", "Started (UTC)", "Finished (UTC)" }, f => Assert.Contains(f, summaryFields));
    }

    [Fact]
    public async Task Export_DateCells_AreNumbersWithADateFormat()
    {
        long id;
        await using (var ctx = _db.CreateContext()) id = await JobSeeder.SeedAsync(ctx, [5, 5], finishAll: true);

        var path = await ExportAsync(id);

        using var doc = SpreadsheetDocument.Open(path, false);
        var wb = doc.WorkbookPart!;
        var started = At(Rows(wb, "Hosts")[1], "J");
        Assert.Null(started.DataType);
        var value = double.Parse(started.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(JobSeeder.T0.AddMinutes(1), DateTime.FromOADate(value), TimeSpan.FromSeconds(1));
        var format = (CellFormat)wb.WorkbookStylesPart!.Stylesheet.CellFormats!.ElementAt((int)started.StyleIndex!.Value);
        var numFmt = wb.WorkbookStylesPart.Stylesheet.NumberingFormats!.Elements<NumberingFormat>()
            .Single(n => n.NumberFormatId!.Value == format.NumberFormatId!.Value);
        Assert.Contains("yyyy", numFmt.FormatCode!.Value);
    }

    [Fact]
    public async Task Export_EveryHeader_IsBoldFrozenAndFiltered()
    {
        long id;
        await using (var ctx = _db.CreateContext()) id = await JobSeeder.SeedAsync(ctx, [3, 7]);

        var path = await ExportAsync(id);

        using var doc = SpreadsheetDocument.Open(path, false);
        var wb = doc.WorkbookPart!;
        foreach (var sheet in wb.Workbook.Sheets!.Elements<Sheet>())
        {
            var ws = ((WorksheetPart)wb.GetPartById(sheet.Id!.Value!)).Worksheet;
            var pane = ws.GetFirstChild<SheetViews>()!.GetFirstChild<SheetView>()!.GetFirstChild<Pane>()!;
            Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
            Assert.Equal("A2", pane.TopLeftCell!.Value);
            Assert.NotNull(ws.GetFirstChild<AutoFilter>());
            Assert.NotNull(ws.GetFirstChild<Columns>());
            var header = ws.Descendants<Row>().First().Elements<Cell>().First();
            var format = (CellFormat)wb.WorkbookStylesPart!.Stylesheet.CellFormats!.ElementAt((int)header.StyleIndex!.Value);
            var font = (Font)wb.WorkbookStylesPart.Stylesheet.Fonts!.ElementAt((int)format.FontId!.Value);
            Assert.NotNull(font.Bold);
        }
    }

    [Fact]
    public async Task Export_OutputWithControlCharacters_IsValidOpenXml()
    {
        long id;
        await using (var ctx = _db.CreateContext())
            id = await JobSeeder.SeedAsync(ctx, [4, 6], finishAll: true, stdout: "\u001b[32mgreen\u001b[0m \u0007bell " + new string('x', 3000));

        var path = await ExportAsync(id);

        using var doc = SpreadsheetDocument.Open(path, false);
        var errors = new OpenXmlValidator().Validate(doc).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")));
        var output = Text(doc.WorkbookPart!, At(Rows(doc.WorkbookPart!, "Hosts")[1], "M"));
        Assert.StartsWith("[32mgreen[0m bell xxx", output);
        Assert.Equal(JobExport.OutputExcerptChars - 3, output.Length); // cut to 1,000, then the three control characters dropped
    }

    [Fact]
    public async Task Export_ConvertedByLibreOffice_HasOneCsvLinePerHost()
    {
        long id;
        await using (var ctx = _db.CreateContext()) id = await JobSeeder.SeedAsync(ctx, [3, 20, 77], finishAll: true);
        var path = await ExportAsync(id);

        var records = await LibreOffice.ConvertHostsSheetToCsvAsync(path, _db.Folder);

        Assert.Equal(["Hostname", "IP", "IDC", "Env", "App", "Batch", "State"], records[0].Take(7));
        Assert.Equal(1 + 100, records.Count);
        var failed = records.Single(r => r[0] == "web-00012.sh2.example"); // batch 2, position 9: seeded as failed
        Assert.Equal(["Failed", "2", "Environment"], failed.Skip(6).Take(3));
    }

    // Issue 8: output is data. A host's output or a CMDB field that starts like a formula stays text in Excel.
    [Fact]
    public async Task Export_FormulaLikeOutput_IsWrittenAsLiteralText()
    {
        const string payload = "=cmd|' /C calc'!A0";
        long id;
        await using (var ctx = _db.CreateContext()) id = await JobSeeder.SeedAsync(ctx, [3], finishAll: true, name: "@SUM(1+1)", stdout: payload);

        var path = await ExportAsync(id);

        using (var doc = SpreadsheetDocument.Open(path, false))
        {
            var wb = doc.WorkbookPart!;
            var output = At(Rows(wb, "Hosts")[1], "M");
            Assert.Equal(payload, Text(wb, output));
            Assert.Empty(output.Descendants<CellFormula>());
            var format = wb.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)output.StyleIndex!.Value);
            Assert.True(format.QuotePrefix?.Value);
            var name = Rows(wb, "Summary").Single(r => Text(wb, r[0]) == "Name")[1];
            Assert.Equal("@SUM(1+1)", Text(wb, name));
            Assert.Equal(output.StyleIndex!.Value, name.StyleIndex!.Value);
            Assert.Null(At(Rows(wb, "Hosts")[1], "A").StyleIndex); // ordinary text is untouched
        }
        // A real spreadsheet program reads it back as the text, not as a formula or an error.
        var records = await LibreOffice.ConvertHostsSheetToCsvAsync(path, _db.Folder);
        Assert.Equal(payload, records[1][12]);
    }

    [Fact]
    public void FileName_OddCharacters_AreSlugged() =>
        Assert.Equal("job-7-patch-openssl-order-api.xlsx", JobExport.FileName(7, "Patch OpenSSL — order-api!"));

    internal static List<List<Cell>> Rows(WorkbookPart wb, string sheet)
    {
        var id = wb.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheet).Id!.Value!;
        return ((WorksheetPart)wb.GetPartById(id)).Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().ToList()).ToList();
    }

    /// <summary>The cell in column <paramref name="letters"/> (empty cells are not written, so positions shift).</summary>
    internal static Cell At(List<Cell> row, string letters) =>
        row.Single(c => c.CellReference!.Value!.TrimEnd("0123456789".ToCharArray()) == letters);

    internal static string Text(WorkbookPart wb, Cell c) =>
        c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "";
}
