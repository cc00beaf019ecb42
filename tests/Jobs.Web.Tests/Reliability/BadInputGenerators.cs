using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace Jobs.Web.Tests.Reliability;

/// <summary>
/// CsCheck generators of hostile input for the bad-input property (issue 13): filter expressions, job request bodies
/// and CSV files, each a mix of well-formed pieces and the adversarial shapes that broke parsers elsewhere.
/// </summary>
internal static class BadInputGenerators
{
    private static Gen<T> Const<T>(params T[] values) => Gen.OneOf<T>(values);

    private static readonly string[] Fields = ["hostname", "ip", "idc", "env", "app", "role", "os", "status", "owner", "tag", "HOSTNAME", "colour", ""];
    private static readonly string[] Operators = ["=", "!=", ">", "<", ">=", "<=", "~", "in", "not in", "==", "=~", "!", "<>", ""];

    /// <summary>Regular expressions that backtrack catastrophically, blow up automata, or read differently per engine.</summary>
    public static readonly string[] HostilePatterns =
    [
        "(a+)+$", "(a|aa)+$", "(a|a?)+$", "((a*)*)*b", "(x+x+)+y", "(.*a){20}", "^(([a-z])+.)+[A-Z]([a-z])+$",
        "a{1,1000}", "a{256}", "(a{1,255}){1,255}", "((a{1,100}){1,100}){1,100}", "(a{1,50}){1,50}", "x{2,1}", "a**", "***",
        "[a-", "(", ")", "\\", "[", "(?=a)", "(?!a)", "(?<=a)", "(a)\\1", "\\k<x>", "[[:alpha:]]", "[a-z-[aeiou]]", "\\b",
        "\\y", "\\m", "\\Z", "[\\d-z]", "[a-\\d]", "a{1", "{", "a{,5}", "\\u0041", "\\x41", "\\cA", "\\0", "(?i)a", "(?#c)",
        "[^]", "[]a]", "|", "^$", ".*.*.*.*.*.*.*.*.*=", "(a|b|c|d|e|f|g|h|i|j)*z", "\\p{L}", "\\R", "(?:a+){2,200}",
    ];

    private static readonly Gen<char> HostileChar = Gen.OneOf<char>(
        Gen.Char['a', 'z'], Gen.Char['0', '9'], Gen.Const('-'), Gen.Const('.'), Gen.Const(' '),
        Const('"', '\'', '\\', '(', ')', ',', '=', '!', '<', '>', '~', '%', ';', '{', '}', '[', ']', '*', '+', '?', '|', '^', '$'),
        Const('\0', '\u0001', '\t', '\n', '\r', '\u001b', '\u007f', '\u00a0', '\u200b', '\ufeff', 'é', '中', '\u202e'));

    private static readonly Gen<string> Word = Gen.Char['a', 'z'].Array[1, 12].Select(c => new string(c));
    private static readonly Gen<string> HostileText = HostileChar.Array[0, 40].Select(c => new string(c));

    /// <summary>A value: a bare word, a quoted value (maybe unbalanced), hostile text, a hostile regex or a huge literal.</summary>
    private static readonly Gen<string> Value = Gen.Frequency<string>(
        (6, Word),
        (3, Word.Select(w => $"\"{w}\"")),
        (2, HostileText),
        (2, HostileText.Select(t => $"\"{t}")),
        (2, Const(HostilePatterns).Select(p => $"\"{p}\"")),
        (1, Gen.Int[9_000, 1_100_000].Select(n => "\"" + new string('a', n) + "\"")),
        (1, Gen.Int[1, 2000].Select(n => new string('x', n))));

    private static readonly Gen<string> Comparison =
        Gen.Select(Const(Fields), Const(Operators), Value, Value.Array[1, 4],
            (f, op, v, list) => op.EndsWith("in", StringComparison.Ordinal) ? $"{f} {op} ({string.Join(", ", list)})" : $"{f}{op}{v}");

    /// <summary>A filter: random conditions joined by and/or/not with parentheses, or one of the structural attacks.</summary>
    public static readonly Gen<string> Filter = Gen.Frequency<string>(
        (8, Gen.Select(Comparison.Array[1, 6], Const(" and ", " or ", " and not ", " AND ", " ", " or (", ") and "),
            (parts, join) => string.Join(join, parts))),
        (2, Gen.Select(Gen.Int[1, 20_000], Gen.Int[0, 20_000], (open, close) => new string('(', open) + "env=prod" + new string(')', close))),
        (1, Gen.Int[1, 5_000].Select(n => string.Concat(Enumerable.Repeat("not ", n)) + "env=prod")),
        (2, Gen.Select(Const("ip=a", "os=x", "env=prod", "tag=a", "status=online", "hostname~a"), Const(" or ", " and "),
            Gen.Int[100, 3_000], (c, join, n) => string.Join(join, Enumerable.Repeat(c, n)))),
        (2, Gen.Select(Const("hostname", "tag", "app", "ip"), Const(HostilePatterns), (f, p) => $"{f} ~ \"{p}\"")),
        (1, Gen.Int[1, 1_500].Select(n => "ip in (" + string.Join(",", Enumerable.Range(0, n).Select(i => "v" + i)) + ")")),
        (1, HostileText));

    private static readonly Gen<JsonNode?> WrongType = Gen.OneOf<JsonNode?>(
        Gen.Const<JsonNode?>((JsonNode?)null), Gen.Const<JsonNode?>(JsonValue.Create(true)), Gen.Const<JsonNode?>(new JsonArray(1, 2)),
        Gen.Const<JsonNode?>(new JsonObject { ["x"] = 1 }), Gen.Const<JsonNode?>(JsonValue.Create("")),
        Const(-1L, 0L, long.MaxValue, long.MinValue, int.MaxValue + 1L, -2147483649L).Select(n => (JsonNode?)JsonValue.Create(n)),
        Const(1e308, -1e308, 0.5, -0.0001, 1e-300).Select(d => (JsonNode?)JsonValue.Create(d)),
        HostileText.Select(t => (JsonNode?)JsonValue.Create(t)));

    private static readonly Gen<string> BatchPlan = Gen.OneOf(
        Const("0%", "101%", "abc%", "1%,,5%", "1%,5%,10%", "%", "-5%", "1.5%", "1e3%", "100%,100%", "0", "-1", "999999999999",
            "1%, 5%, 100%", "50%,40%", "1%;5%", ",", "", " ", "1%,5%,10%,", "NaN%", "Infinity%", "１%", "1 %", "10,20,abc"),
        Gen.Int[-5, 300].Array[1, 60].Select(a => string.Join(",", a.Select(i => i + "%"))),
        Gen.Int[-5, 100_000].Array[1, 20].Select(a => string.Join(",", a)),
        HostileText);

    private static readonly Gen<JsonNode?> Parameters = Gen.OneOf<JsonNode?>(
        Gen.Const<JsonNode?>(new JsonObject { ["latencyMs"] = 1, ["failureRate"] = 0 }),
        Const("{{host.name}}", "{{job.idx}}", "{{ host.ip }}", "{{", "}}", "{{host.hostname", "{{{{x}}}}", "{{batch.index}}")
            .Select(p => (JsonNode?)new JsonObject { ["latencyMs"] = 1, ["note"] = p }),
        Const(-1, 0, int.MaxValue).Select(n => (JsonNode?)new JsonObject { ["latencyMs"] = n, ["failureRate"] = 2 }),
        Gen.Const<JsonNode?>(new JsonObject { ["command"] = "rm -rf /{{host.nope}}" }),
        WrongType);

    private static readonly Gen<JsonNode?> StartAt = Gen.OneOf<JsonNode?>(
        Const("2020-01-01T00:00:00Z", "2026-12-01T10:00:00", "2099-01-01T00:00:00Z", "2030-02-30T00:00:00Z", "yesterday",
            "2030-01-01T00:00:00+25:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2030-01-01", "2030-01-01T10:00:00.123456789Z")
            .Select(s => (JsonNode?)JsonValue.Create(s)),
        WrongType);

    private static readonly Gen<JsonNode?> Gates = Gen.OneOf<JsonNode?>(
        Gen.Const<JsonNode?>(new JsonObject { ["maxFailurePercent"] = 10 }),
        Const(-1m, 101m, 1e20m, 0m).Select(p => (JsonNode?)new JsonObject { ["maxFailurePercent"] = p, ["bakeSeconds"] = -1 }),
        Const("ftp://x", "not a url", "http://{{host.nope}}/", "http://127.0.0.1:1/{{host.ip}}", "")
            .Select(u => (JsonNode?)new JsonObject { ["httpProbe"] = new JsonObject { ["url"] = u, ["expectStatus"] = 99, ["jsonPath"] = "$..[?(@.x)]" } }),
        Gen.Const<JsonNode?>(new JsonObject { ["prometheus"] = new JsonObject { ["url"] = "http://127.0.0.1:1/", ["query"] = "", ["max"] = "NaN" } }),
        WrongType);

    /// <summary>A job request body: a valid base with some fields replaced by wrong types, bad values or removed.</summary>
    public static readonly Gen<string> JobBody =
        Gen.Select(Gen.Int[0, 15].Array[0, 5], Filter, BatchPlan, Gen.Select(Parameters, StartAt, Gates, WrongType),
            Const("simulated", "salt", "SIMULATED", "", "local", "nope", "simulated "), Gen.Int[0, 9],
            (mutations, filter, plan, t, executor, shape) =>
            {
                var (parameters, startAt, gates, wrong) = t;
                var body = new JsonObject
                {
                    ["name"] = "bad input", ["filter"] = "env=prod", ["executor"] = "simulated",
                    ["parameters"] = new JsonObject { ["latencyMs"] = 1, ["failureRate"] = 0 }, ["batches"] = "50%,100%",
                    ["parallelism"] = 5,
                };
                foreach (var m in mutations)
                {
                    switch (m)
                    {
                        case 0: body["filter"] = filter; break;
                        case 1: body["batches"] = plan; break;
                        case 2: body["parameters"] = parameters?.DeepClone(); break;
                        case 3: body["startAt"] = startAt?.DeepClone(); break;
                        case 4: body["gates"] = gates?.DeepClone(); break;
                        case 5: body["executor"] = executor; break;
                        case 6: body["parallelism"] = wrong?.DeepClone(); break;
                        case 7: body["hostTimeoutSeconds"] = wrong?.DeepClone(); break;
                        case 8: body["maxPerAppPercent"] = wrong?.DeepClone(); break;
                        case 9: body["onGateFailure"] = wrong?.DeepClone(); break;
                        case 10: body.Remove("name"); break;
                        case 11: body.Remove("filter"); break;
                        case 12: body["name"] = wrong?.DeepClone(); break;
                        case 13: body["stratify"] = wrong?.DeepClone(); break;
                        case 14: body["unknownField"] = 1; break;
                        default: body["maxPerAppPercent"] = 0.001m; break;
                    }
                }
                var json = body.ToJsonString();
                return shape switch
                {
                    0 => json[..(json.Length / 2)],          // cut short
                    1 => json.Replace("\"", "'"),              // not JSON quotes
                    2 => "[" + json + "]",                     // wrong root
                    3 => json + json,                          // two roots
                    _ => json,
                };
            });

    private static readonly string[] Columns = ["hostname", "ip", "idc", "env", "app", "role", "os", "status", "owner", "tags"];

    private static readonly Gen<string> CsvCell = Gen.Frequency<string>(
        (8, Word),
        (2, Const("=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=x", "\"quoted, with comma\"", "\"unterminated",
            "a\"b", "10.0.0.1", "999.1.1.1", "::1", "online", "retired", "maintenance", "x;y;;z", "")),
        (1, HostileText));

    /// <summary>A CSV file as bytes: header variants, rows with hostile cells, mixed line ends, BOMs and foreign encodings.</summary>
    public static readonly Gen<byte[]> Csv =
        Gen.Select(Gen.Int[0, 9], Gen.Int[0, 30], CsvCell.Array[10].Array[0, 30], Gen.Int[0, 6], Gen.Int[0, 1_000_000],
            (headerKind, rowCount, cells, encoding, salt) =>
            {
                var header = headerKind switch
                {
                    0 => "hostname,ip,idc",                                // missing required columns
                    1 => "hostname,ip,idc,env,app,colour",                 // unknown column
                    2 => "hostname,hostname,ip,idc,env,app",               // duplicate column
                    3 => "",                                               // no header
                    4 => "Hostname , IP,IDC,env,app",                      // case and spaces
                    _ => string.Join(",", Columns),
                };
                var sb = new StringBuilder(header);
                for (var r = 0; r < Math.Min(rowCount, cells.Length); r++)
                {
                    sb.Append(r % 3 == 0 ? "\r\n" : r % 3 == 1 ? "\n" : "\r");
                    var row = cells[r];
                    // Mostly well-formed hosts (duplicates on purpose: salt % 7 == 0 repeats the first name).
                    row[0] = salt % 7 == 0 ? "dup-host" : r % 4 == 3 ? row[0] : $"csv-{salt}-{r}";
                    if (r % 5 != 4) { row[1] = $"10.9.{r % 250}.{salt % 250}"; row[7] = "online"; }
                    sb.Append(string.Join(",", row));
                }
                var text = sb.ToString();
                return encoding switch
                {
                    0 => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)],
                    1 => Encoding.Unicode.GetBytes(text),                  // UTF-16 LE, no BOM
                    2 => Encoding.Latin1.GetBytes(text.Replace("a", "é")),  // ISO-8859-1 'é' is not UTF-8
                    3 => [.. Encoding.UTF8.GetBytes(text), 0xC3, 0x28],     // invalid UTF-8 sequence
                    _ => Encoding.UTF8.GetBytes(text),
                };
            });
}
