using System.Globalization;
using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Jobs.Web.Export;

public enum XlsxColumnKind
{
    Text,
    Integer,
    Decimal,
    Date,
}

public sealed record XlsxColumn(string Header, XlsxColumnKind Kind, double Width);

/// <summary>
/// A workbook written with the Open XML SDK's streaming <see cref="OpenXmlWriter"/>. Every sheet gets a bold frozen
/// header row, an auto-filter over its rows and fixed column widths; dates are real Excel dates (a serial number with
/// a date format) and numbers are numbers.
/// </summary>
/// <remarks>
/// <para>Why the big sheet is streamed into the zip separately: the SDK only writes packages it can also read
/// (write-only streams and write-only packages are refused), and System.IO.Packaging opened read-write keeps every
/// part's uncompressed bytes in a MemoryStream until the package closes (DEPENDENCIES.md, gotcha 4) — for 100,000
/// hosts that was ~460 MB. So the SDK writes the whole package (content types, relationships, workbook, styles, the
/// small sheets and an empty placeholder for the big sheet) to a skeleton file; <see cref="SaveAsync"/> then copies
/// it entry by entry into the final zip and, for the placeholder, streams the rows through an
/// <see cref="OpenXmlWriter"/> straight into the compressed entry. Memory stays flat whatever the row count.</para>
/// </remarks>
public sealed class XlsxWorkbook : IDisposable
{
    // Style indexes into CellFormats below.
    private const uint StyleHeader = 1;
    private const uint StyleDate = 2;
    private const uint StyleDecimal = 3;
    /// <summary>Text that Excel must never read as a formula (<see cref="LooksLikeFormula"/>): the text number format
    /// plus the quote prefix, exactly as if a person had typed <c>'=…</c>. The cell keeps its value unchanged.</summary>
    internal const uint StyleLiteralText = 4;

    private readonly string _path;
    private readonly string _skeleton;
    private readonly SpreadsheetDocument _document;
    private readonly WorkbookPart _workbookPart;
    private readonly List<(string Name, string RelId, string? FilterRange)> _sheets = [];
    private SheetWriter? _open;
    private (string EntryName, IReadOnlyList<XlsxColumn> Columns, string Name)? _streamed;
    private bool _documentClosed;

    public XlsxWorkbook(string path)
    {
        _path = path;
        _skeleton = path + ".skeleton";
        _document = SpreadsheetDocument.Create(_skeleton, SpreadsheetDocumentType.Workbook);
        _workbookPart = _document.AddWorkbookPart();
        var styles = _workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = CreateStylesheet();
        styles.Stylesheet.Save();
    }

    /// <summary>
    /// Writes a workbook to a temporary file with <paramref name="write"/> and returns it open for reading; the file is
    /// deleted when the stream is closed (or at once when writing fails). Every download goes through here.
    /// </summary>
    public static async Task<FileStream> WriteTemporaryAsync(string prefix, Func<string, Task> write)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}.xlsx");
        try
        {
            await write(path);
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Delete, 64 * 1024,
                FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Starts a sheet; the previous one must be finished (<see cref="SheetWriter.Dispose"/>).</summary>
    public SheetWriter AddSheet(string name, IReadOnlyList<XlsxColumn> columns)
    {
        if (_open is not null) throw new InvalidOperationException("Finish the previous sheet first.");
        var part = _workbookPart.AddNewPart<WorksheetPart>();
        var relId = _workbookPart.GetIdOfPart(part);
        _open = new SheetWriter(this, OpenXmlWriter.Create(part), name, relId, columns);
        return _open;
    }

    /// <summary>
    /// Adds the (last) big sheet, whose rows <see cref="SaveAsync"/> streams; <paramref name="expectedRows"/> (data rows,
    /// header excluded) sizes the workbook's filter name, the sheet's own auto-filter always covers what was written.
    /// </summary>
    public void AddStreamedSheet(string name, IReadOnlyList<XlsxColumn> columns, int expectedRows)
    {
        if (_open is not null || _streamed is not null) throw new InvalidOperationException("Finish the previous sheet first; only one sheet is streamed.");
        var part = _workbookPart.AddNewPart<WorksheetPart>();
        part.Worksheet = new Worksheet(new SheetData());
        part.Worksheet.Save();
        _sheets.Add((name, _workbookPart.GetIdOfPart(part), $"A1:{SheetWriter.ColumnLetters(columns.Count - 1)}{expectedRows + 1}"));
        _streamed = (part.Uri.OriginalString.TrimStart('/'), columns, name);
    }

    /// <summary>Writes the final file: the skeleton's entries copied, the streamed sheet's rows written by <paramref name="writeRows"/>.</summary>
    public async Task SaveAsync(Func<SheetWriter, Task> writeRows, CancellationToken ct)
    {
        CloseDocument();
        var streamed = _streamed ?? throw new InvalidOperationException("No streamed sheet was added.");
        await using (var output = new FileStream(_path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create))
        using (var skeleton = ZipFile.OpenRead(_skeleton))
        {
            foreach (var entry in skeleton.Entries)
            {
                var target = zip.CreateEntry(entry.FullName, CompressionLevel.Fastest);
                await using var to = target.Open();
                if (string.Equals(entry.FullName, streamed.EntryName, StringComparison.OrdinalIgnoreCase))
                {
                    using var sheet = new SheetWriter(this, OpenXmlWriter.Create(to), streamed.Name, "", streamed.Columns, register: false);
                    await writeRows(sheet);
                }
                else
                {
                    await using var from = entry.Open();
                    await from.CopyToAsync(to, ct);
                }
            }
        }
        File.Delete(_skeleton);
    }

    internal void SheetFinished(SheetWriter sheet, string? filterRange)
    {
        _sheets.Add((sheet.Name, sheet.RelId, filterRange));
        _open = null;
    }

    /// <summary>Finishes the skeleton (a workbook without a streamed sheet is complete at this point).</summary>
    private void CloseDocument()
    {
        if (_documentClosed) return;
        _documentClosed = true;
        _open?.Dispose();
        var sheets = new Sheets();
        var names = new DefinedNames();
        for (var i = 0; i < _sheets.Count; i++)
        {
            var (name, relId, range) = _sheets[i];
            sheets.Append(new Sheet { Name = name, SheetId = (uint)(i + 1), Id = relId });
            if (range is not null)
            {
                // Excel keeps the auto-filter range as this hidden name; without it some readers drop the filter buttons.
                names.Append(new DefinedName($"'{name}'!{AbsoluteRange(range)}")
                {
                    Name = "_xlnm._FilterDatabase",
                    LocalSheetId = (uint)i,
                    Hidden = true,
                });
            }
        }
        var workbook = new Workbook(new BookViews(new WorkbookView()), sheets);
        if (names.HasChildren) workbook.Append(names);
        _workbookPart.Workbook = workbook;
        _workbookPart.Workbook.Save();
        _document.Dispose();
    }

    public void Dispose()
    {
        CloseDocument();
        if (_streamed is null && File.Exists(_skeleton)) File.Move(_skeleton, _path, overwrite: true);
        else File.Delete(_skeleton);
    }

    private static string AbsoluteRange(string range) =>
        string.Join(':', range.Split(':').Select(r =>
        {
            var letters = new string(r.TakeWhile(char.IsLetter).ToArray());
            return $"${letters}${r[letters.Length..]}";
        }));

    private static Stylesheet CreateStylesheet() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd hh:mm:ss" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "0.0##" }) { Count = 2 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })) { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDDE3EA" }, new BackgroundColor { Indexed = 64 })
            { PatternType = PatternValues.Solid })) { Count = 3 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 2, BorderId = 0, FormatId = 0, ApplyFont = true, ApplyFill = true },
            new CellFormat { NumberFormatId = 164, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 49, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true, QuotePrefix = true })
        { Count = 5 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });

    /// <summary>Writes one sheet's rows. Cells are written in column order; a null value leaves the cell empty.</summary>
    public sealed class SheetWriter : IDisposable
    {
        private readonly XlsxWorkbook _book;
        private readonly OpenXmlWriter _writer;
        private readonly IReadOnlyList<XlsxColumn> _columns;
        private readonly string[] _letters;
        // Reused element prototypes: the writer serialises their current state, so no element is allocated per cell.
        private readonly Row _row = new();
        private readonly Cell _numberCell = new(new CellValue());
        private readonly Cell _textCell = new(new InlineString(new Text()));
        private readonly bool _register;
        private uint _rowIndex;
        private int _column;
        private bool _inRow;
        private bool _disposed;

        internal SheetWriter(XlsxWorkbook book, OpenXmlWriter writer, string name, string relId, IReadOnlyList<XlsxColumn> columns, bool register = true)
        {
            _book = book;
            _register = register;
            Name = name;
            RelId = relId;
            _columns = columns;
            _letters = columns.Select((_, i) => ColumnLetters(i)).ToArray();
            _writer = writer;
            _writer.WriteStartDocument();
            _writer.WriteStartElement(new Worksheet());
            _writer.WriteElement(new SheetViews(new SheetView(
                new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
            { WorkbookViewId = 0, TabSelected = name == "Summary" }));
            _writer.WriteElement(new Columns(columns.Select((c, i) => new Column
            {
                Min = (uint)(i + 1), Max = (uint)(i + 1), Width = c.Width, CustomWidth = true,
            })));
            _writer.WriteStartElement(new SheetData());
            BeginRow();
            foreach (var c in columns) WriteText(c.Header, StyleHeader);
            EndRow();
        }

        public string Name { get; }
        internal string RelId { get; }

        /// <summary>Rows written so far, the header included.</summary>
        public uint RowCount => _rowIndex;

        public void BeginRow()
        {
            if (_inRow) EndRow();
            _rowIndex++;
            _column = 0;
            _row.RowIndex = _rowIndex;
            _writer.WriteStartElement(_row);
            _inRow = true;
        }

        public void EndRow()
        {
            _writer.WriteEndElement();
            _inRow = false;
        }

        public void Text(string? value) => WriteText(value, null);

        public void Number(double? value)
        {
            if (value is not { } v || double.IsNaN(v) || double.IsInfinity(v)) { Skip(); return; }
            WriteNumber(v, _columns[_column].Kind == XlsxColumnKind.Decimal ? StyleDecimal : null);
        }

        public void Date(DateTime? value)
        {
            if (value is not { } v) { Skip(); return; }
            WriteNumber(v.ToOADate(), StyleDate);
        }

        /// <summary>Writes a value by the column's kind (the Summary sheet mixes kinds in one column).</summary>
        public void Value(object? value)
        {
            switch (value)
            {
                case null: Skip(); break;
                case DateTime d: Date(d); break;
                case int or long or double or decimal or float: WriteNumber(Convert.ToDouble(value, CultureInfo.InvariantCulture), value is double or decimal ? StyleDecimal : null); break;
                default: Text(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
            }
        }

        private void Skip() => _column++;

        private void WriteText(string? value, uint? style)
        {
            if (string.IsNullOrEmpty(value)) { Skip(); return; }
            _textCell.CellReference = _letters[_column] + _rowIndex.ToString(CultureInfo.InvariantCulture);
            _textCell.DataType = CellValues.InlineString;
            // Host output and CMDB fields are data: one that starts like a formula (=cmd|' /C calc'!A0) stays text.
            _textCell.StyleIndex = style is { } s ? s : LooksLikeFormula(value) ? StyleLiteralText : null;
            var text = (Text)_textCell.InlineString!.FirstChild!;
            text.Text = XmlSafe(value);
            text.Space = value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])) ? SpaceProcessingModeValues.Preserve : null;
            _writer.WriteElement(_textCell);
            _column++;
        }

        /// <summary>What spreadsheet programs may start a formula with (OWASP, "CSV injection").</summary>
        internal static bool LooksLikeFormula(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

        private void WriteNumber(double value, uint? style)
        {
            _numberCell.CellReference = _letters[_column] + _rowIndex.ToString(CultureInfo.InvariantCulture);
            _numberCell.StyleIndex = style is { } s ? s : null;
            _numberCell.CellValue!.Text = value.ToString("R", CultureInfo.InvariantCulture);
            _writer.WriteElement(_numberCell);
            _column++;
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            if (_inRow) EndRow();
            _writer.WriteEndElement(); // sheetData
            string? range = null;
            if (_rowIndex >= 1)
            {
                range = $"A1:{_letters[^1]}{_rowIndex}";
                _writer.WriteElement(new AutoFilter { Reference = range });
            }
            _writer.WriteEndElement(); // worksheet
            _writer.Close();
            if (_register) _book.SheetFinished(this, range);
        }

        internal static string ColumnLetters(int index)
        {
            var s = "";
            for (var n = index + 1; n > 0; n = (n - 1) / 26) s = (char)('A' + (n - 1) % 26) + s;
            return s;
        }

        /// <summary>XML 1.0 forbids most control characters (ANSI colour codes in command output are common); drop them.</summary>
        internal static string XmlSafe(string value)
        {
            var i = 0;
            while (i < value.Length && IsXmlChar(value, i)) i++;
            if (i == value.Length) return value;
            var sb = new System.Text.StringBuilder(value.Length);
            for (var j = 0; j < value.Length; j++)
            {
                if (IsXmlChar(value, j))
                {
                    sb.Append(value[j]);
                    if (char.IsHighSurrogate(value[j])) sb.Append(value[++j]);
                }
                else if (char.IsHighSurrogate(value[j]) || char.IsLowSurrogate(value[j]))
                {
                    sb.Append('\uFFFD');
                }
            }
            return sb.ToString();
        }

        private static bool IsXmlChar(string s, int i)
        {
            var c = s[i];
            if (c is '\t' or '\n' or '\r') return true;
            if (c < 0x20 || c is '\uFFFE' or '\uFFFF') return false;
            if (char.IsHighSurrogate(c)) return i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]);
            if (char.IsLowSurrogate(c)) return i > 0 && char.IsHighSurrogate(s[i - 1]);
            return true;
        }
    }
}
