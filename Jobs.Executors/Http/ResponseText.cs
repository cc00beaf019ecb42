using System.Net;
using System.Text.RegularExpressions;

namespace Jobs.Executors.Http;

/// <summary>
/// A response body as one short line an operator can read in a pause reason or a host's error: JSON and text as they
/// are, an HTML error page (CherryPy answers salt-api errors with one, even to JSON requests) as its heading and message.
/// </summary>
internal static partial class ResponseText
{
    private const int MaxLength = 300;

    public static async Task<string> SafeBodyAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return OneLine(await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return "";
        }
    }

    /// <summary>"400 Bad Request: Client disabled: 'runner'. …" from CherryPy's page; other text collapsed to one line.</summary>
    public static string OneLine(string text)
    {
        var line = LooksLikeHtml(text) ? HtmlToLine(text) : Collapse(text);
        return line.Length <= MaxLength ? line : line[..MaxLength] + "…";
    }

    private static bool LooksLikeHtml(string text)
    {
        var start = text.TrimStart();
        return start.StartsWith('<') && HtmlTag().IsMatch(start);
    }

    private static string HtmlToLine(string html)
    {
        // Headings and paragraphs carry the message; head, style, script, tracebacks and "Powered by" do not.
        var parts = Readable().Matches(html)
            .Select(m => Collapse(WebUtility.HtmlDecode(Tag().Replace(m.Groups["text"].Value, " "))))
            .Where(p => p.Length > 0)
            .Distinct()
            .ToList();
        if (parts.Count == 0) parts.Add(Collapse(WebUtility.HtmlDecode(Tag().Replace(Invisible().Replace(html, " "), " "))));
        return string.Join(": ", parts);
    }

    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"<(html|body|head|h\d|p|!doctype)\b", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"<(?<tag>h[1-3]|p)\b[^>]*>(?<text>.*?)</\k<tag>\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Readable();

    [GeneratedRegex(@"<(head|style|script|pre)\b.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Invisible();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
