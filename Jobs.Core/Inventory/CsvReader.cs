using System.Text;

namespace Jobs.Core.Inventory;

/// <summary>One CSV record and the (1-based) physical line it starts on.</summary>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>A CSV problem at a line (unterminated quote, text after a closing quote).</summary>
internal sealed class CsvFormatException(int line, string message) : Exception(message)
{
    public int Line { get; } = line;
}

/// <summary>
/// An RFC 4180 reader: comma separated, fields optionally in double quotes, <c>""</c> inside quotes is a quote,
/// quoted fields may hold commas and line breaks; CRLF, LF and a final line without a break are all accepted.
/// No CSV package is served here (see DEPENDENCIES.md), and this is all the import needs.
/// </summary>
internal static class CsvReader
{
    public static IEnumerable<CsvRecord> Read(TextReader reader)
    {
        var line = 1;
        var fields = new List<string>();
        var field = new StringBuilder();
        var recordLine = 1;
        var any = false;
        while (true)
        {
            var c = reader.Read();
            if (c == -1)
            {
                if (any || field.Length > 0 || fields.Count > 0)
                {
                    fields.Add(field.ToString());
                    yield return new CsvRecord(recordLine, fields);
                }
                yield break;
            }
            any = true;
            switch (c)
            {
                case '"' when field.Length == 0:
                    var quoteLine = line;
                    while (true)
                    {
                        var q = reader.Read();
                        if (q == -1) throw new CsvFormatException(quoteLine, "a quoted field is not closed (missing \")");
                        if (q == '"')
                        {
                            if (reader.Peek() == '"')
                            {
                                reader.Read();
                                field.Append('"');
                                continue;
                            }
                            break;
                        }
                        if (q == '\n') line++;
                        field.Append((char)q);
                    }
                    var after = reader.Peek();
                    if (after is not (-1 or ',' or '\r' or '\n'))
                        throw new CsvFormatException(line, "unexpected text after a closing quote (write \"\" for a quote inside a quoted field)");
                    // An empty quoted field is still a field: keep "any" set so the record is not taken for blank.
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r' when reader.Peek() == '\n':
                    break;
                case '\r' or '\n':
                    fields.Add(field.ToString());
                    yield return new CsvRecord(recordLine, fields);
                    fields = [];
                    field.Clear();
                    any = false;
                    line++;
                    recordLine = line;
                    break;
                case '"':
                    throw new CsvFormatException(line, "a quote inside an unquoted field (quote the whole field and write \"\" for the quote)");
                default:
                    field.Append((char)c);
                    break;
            }
        }
    }
}
