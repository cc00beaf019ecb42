using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Jobs.Web.Tests.Reliability;

/// <summary>
/// Tallies the answers of the bad-input property: inputs tried per kind, statuses seen, and every answer that broke
/// the rules (a 5xx; a 4xx without a message in the user's words; a .NET type name or stack trace in the body).
/// </summary>
internal sealed partial class BadInputLedger(ulong seed)
{
    private readonly Dictionary<string, int> _tried = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _statuses = [];
    private readonly List<string> _violations = [];
    private readonly List<(TimeSpan Took, string What)> _slowest = [];

    public ulong Seed { get; } = seed;
    public int Total => _tried.Values.Sum();
    public int ServerErrors { get; private set; }
    public IReadOnlyList<string> Violations => _violations;

    [GeneratedRegex(@"\b(System|Microsoft|Jobs|Npgsql|SQLitePCL)\.[A-Z][A-Za-z]+|Exception\b|\bat [A-Z]\w+\.\w+\(|StackTrace|SqliteException|PostgresException")]
    private static partial Regex DotNetLeak();

    /// <summary>Records one answer and checks it; <paramref name="input"/> is what was sent (shortened in reports).</summary>
    public void Record(string kind, int index, string input, HttpStatusCode status, string body, bool problemJson, TimeSpan took)
    {
        _slowest.Add((took, $"{kind} #{index} {(int)status}: {Short(input, 80)}"));
        if (_slowest.Count > 5) _slowest.Remove(_slowest.MinBy(s => s.Took));
        _tried[kind] = _tried.GetValueOrDefault(kind) + 1;
        _statuses[(int)status] = _statuses.GetValueOrDefault((int)status) + 1;
        var code = (int)status;
        string? problem = null;
        if (code >= 500)
        {
            ServerErrors++;
            problem = $"answered {code}";
        }
        else if (code >= 400)
        {
            if (DotNetLeak().Match(body) is { Success: true } leak) problem = $"{code} names a .NET type or trace: '{leak.Value}'";
            else if (problemJson && !HasMessage(body)) problem = $"{code} without problem details naming the field";
            else if (!problemJson && body.Trim().Length == 0) problem = $"{code} with an empty body";
        }
        if (problem is not null) Violate(kind, index, input, $"{problem}: {Short(body, 400)}");
    }

    /// <summary>Counts an input checked without HTTP (in-memory evaluation).</summary>
    public void Tried(string kind) => _tried[kind] = _tried.GetValueOrDefault(kind) + 1;

    public void Violate(string kind, int index, string input, string what)
    {
        if (_violations.Count < 25) _violations.Add($"{kind} #{index}: {what}\n    input: {Short(input, 300)}");
        else if (_violations.Count == 25) _violations.Add("… more violations left out");
    }

    /// <summary>The five slowest answers (for the report; no assert reads them).</summary>
    public string Slowest() => string.Join("\n", _slowest.OrderByDescending(s => s.Took).Select(s => $"{s.Took.TotalMilliseconds:N0} ms {s.What}"));

    public string Summary() =>
        $"seed {Seed} (replay: {BadInputPropertyTests.SeedVariable}={Seed}); {Total:N0} inputs tried " +
        $"({string.Join(", ", _tried.OrderBy(t => t.Key).Select(t => $"{t.Key} {t.Value:N0}"))}); " +
        $"{ServerErrors} answered 5xx; statuses {string.Join(", ", _statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}";

    private static bool HasMessage(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.TryGetProperty("errors", out var errors))
            {
                return errors.ValueKind == JsonValueKind.Object
                    ? errors.EnumerateObject().Any(e => e.Value.EnumerateArray().Any(m => m.GetString() is { Length: > 0 }))
                    : errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0;
            }
            return root.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 };
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static string Short(string s, int max)
    {
        var printable = new string(s.Take(max).Select(c => char.IsControl(c) ? '·' : c).ToArray());
        return s.Length > max ? $"{printable}… ({s.Length:N0} chars)" : printable;
    }
}
