using System.Diagnostics;

namespace Jobs.Testing;

/// <summary>Converts an .xlsx with LibreOffice headless (a real spreadsheet program) and reads the CSV back.</summary>
public static class LibreOffice
{
    /// <summary>The records of the Hosts sheet (the third), each a list of fields.</summary>
    public static async Task<List<List<string>>> ConvertHostsSheetToCsvAsync(string xlsx, string workFolder)
    {
        var outDir = Path.Combine(workFolder, "csv-" + Guid.NewGuid().ToString("N")[..8]);
        var profile = Path.Combine(workFolder, "lo-profile-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(outDir);
        // Filter options: separator 44 (,), quote 34 ("), UTF-8 (76), first line 1, ..., sheet 3.
        var psi = new ProcessStartInfo("soffice",
        [
            $"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
            "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,3",
            "--outdir", outDir, xlsx,
        ])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await p.WaitForExitAsync(cts.Token);
        var csv = Directory.GetFiles(outDir, "*.csv").SingleOrDefault()
            ?? throw new InvalidOperationException($"LibreOffice wrote no CSV (exit {p.ExitCode}): {await stdout} {await stderr}");
        return ParseCsv(await File.ReadAllTextAsync(csv));
    }

    /// <summary>RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks (host output does).</summary>
    public static List<List<string>> ParseCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                record.Add(field.ToString()); field.Clear();
                records.Add(record); record = [];
            }
            else field.Append(c);
        }
        if (field.Length > 0 || record.Count > 0) { record.Add(field.ToString()); records.Add(record); }
        return records;
    }
}
