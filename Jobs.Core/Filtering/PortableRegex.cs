using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Jobs.Core.Filtering;

/// <summary>
/// The regular expressions of <c>~</c>. They run in three engines — PostgreSQL's <c>~</c> (Spencer ARE), the
/// <c>regexp</c> function registered on SQLite connections, and .NET for <see cref="HostFilter.Matches"/> — so a
/// pattern is accepted only in the syntax all of them read alike: literals, <c>. ^ $ | ( ) (?: )</c>, bracket
/// expressions, <c>* + ? {n,m}</c>, and the escapes <c>\d \w \s \D \W \S \. \\</c> and friends.
/// </summary>
/// <remarks>
/// Matching is case-insensitive like the other operators (the pattern is run as <c>(?i)pattern</c>, an option
/// prefix both PostgreSQL and .NET understand) and unanchored (<c>hostname ~ web</c> matches <c>cn-web-01</c>).
/// .NET evaluates with <see cref="RegexOptions.NonBacktracking"/>, so a hostile pattern costs linear time instead of
/// hanging a database connection; that engine also rejects back-references and look-arounds, which PostgreSQL
/// would read differently anyway. Rejected as non-portable: <c>(?</c> groups other than <c>(?:</c>, <c>\b \B</c>
/// (word boundary in .NET, backspace in PostgreSQL), <c>\z \G \p \P \k</c>, POSIX classes <c>[:alpha:]</c> and
/// class subtraction, and repetition counts above 255 (PostgreSQL's limit). A pattern PostgreSQL still finds "too complex"
/// (nested counted repetitions) is answered as a filter the database cannot run, never as a server error.
/// </remarks>
public static class PortableRegex
{
    public const int MaxPatternLength = 500;

    /// <summary>PostgreSQL's largest repetition count (<c>DUPMAX</c>); .NET takes larger ones, PostgreSQL refuses the query.</summary>
    public const int MaxRepetition = 255;

    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    /// <summary>The pattern as handed to the database and to .NET: case-insensitive.</summary>
    public static string Effective(string pattern) => "(?i)" + pattern;

    /// <summary>Throws a <see cref="FilterSyntaxException"/> at <paramref name="position"/> when the pattern is invalid or not portable.</summary>
    public static void Validate(string pattern, int position)
    {
        if (pattern.Length > MaxPatternLength)
            throw new FilterSyntaxException(position, $"the regular expression is longer than {MaxPatternLength} characters");
        if (FindNonPortable(pattern) is { } problem)
            throw new FilterSyntaxException(position, $"regular expression '{pattern}': {problem}");
        try
        {
            var effective = Effective(pattern);
            if (!Cache.TryGetValue(effective, out var cached) || (cached.Options & RegexOptions.NonBacktracking) == 0)
            {
                // Building a NonBacktracking regex costs far more than parsing the filter, so keep it for evaluation.
                var regex = Create(pattern);
                if (Cache.Count > 512) Cache.Clear();
                Cache[effective] = regex;
            }
        }
        catch (ArgumentException ex)
        {
            throw new FilterSyntaxException(position, $"invalid regular expression '{pattern}': {Trim(ex.Message)}");
        }
        catch (NotSupportedException ex)
        {
            throw new FilterSyntaxException(position, $"regular expression '{pattern}' is not supported: {Trim(ex.Message)}");
        }
    }

    /// <summary>Whether <paramref name="pattern"/> (already validated) matches <paramref name="input"/>, case-insensitively.</summary>
    public static bool IsMatch(string input, string pattern) => Get(pattern).IsMatch(input);

    /// <summary>
    /// A cached regex for <see cref="Effective"/> patterns (the form the SQLite <c>regexp</c> function receives).
    /// </summary>
    public static Regex GetEffective(string effectivePattern)
    {
        if (Cache.TryGetValue(effectivePattern, out var cached)) return cached;
        if (Cache.Count > 512) Cache.Clear();
        Regex regex;
        try
        {
            regex = new Regex(effectivePattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
        catch (NotSupportedException)
        {
            // Only reachable for SQL written outside the filter (the filter validates first): keep REGEXP working,
            // but bounded.
            regex = new Regex(effectivePattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));
        }
        Cache[effectivePattern] = regex;
        return regex;
    }

    private static Regex Get(string pattern) => GetEffective(Effective(pattern));

    private static Regex Create(string pattern) =>
        new(Effective(pattern), RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);

    private static string Trim(string message)
    {
        // .NET messages start with "Invalid pattern '(?i)…' at offset N." — the prefix is ours, not the user's.
        var i = message.IndexOf(". ", StringComparison.Ordinal);
        return i > 0 && message.StartsWith("Invalid pattern", StringComparison.Ordinal) ? message[(i + 2)..] : message;
    }

    /// <summary>The numbers of a <c>{n}</c>, <c>{n,}</c> or <c>{n,m}</c> quantifier starting at <paramref name="start"/>; none when it is not one.</summary>
    private static IEnumerable<long> RepetitionCounts(string pattern, int start)
    {
        var end = pattern.IndexOf('}', start);
        if (end < 0) yield break;
        var parts = pattern[start..end].Split(',');
        if (parts.Length > 2 || parts.Any(p => p.Length > 0 && !p.All(char.IsAsciiDigit))) yield break;
        foreach (var part in parts.Where(p => p.Length > 0))
            yield return part.Length > 9 ? long.MaxValue : long.Parse(part, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string? FindNonPortable(string pattern)
    {
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            var next = i + 1 < pattern.Length ? pattern[i + 1] : '\0';
            if (c == '\\')
            {
                switch (next)
                {
                    case 'b' or 'B':
                        return $"'\\{next}' means a word boundary in .NET but not in PostgreSQL";
                    case 'z' or 'G' or 'p' or 'P' or 'k' or 'K':
                        return $"'\\{next}' is not supported by every database";
                    case 'D' or 'S' or 'W' when inClass:
                        return $"'\\{next}' cannot be used inside [ ]";
                }
                i++;
                continue;
            }
            if (inClass)
            {
                if (c == '[' && next is ':' or '=' or '.')
                    return $"'[{next}' (POSIX classes and collating elements) is not supported";
                if (c == '-' && next == '[')
                    return "class subtraction '-[...]' is not supported";
                if (c == ']') inClass = false;
                continue;
            }
            if (c == '[')
            {
                inClass = true;
                // A ']' (or '^]') right after '[' is a literal member, not the end of the class.
                if (next == '^') i++;
                if (i + 1 < pattern.Length && pattern[i + 1] == ']') i++;
                continue;
            }
            if (c == '(' && next == '?' && (i + 2 >= pattern.Length || pattern[i + 2] != ':'))
                return "'(?' groups other than '(?:' (look-arounds, named groups, inline options) are not supported";
            if (c == '{' && RepetitionCounts(pattern, i + 1).Any(n => n > MaxRepetition))
                return $"a repetition count above {MaxRepetition} (as in {{1,1000}}) is not supported by every database";
        }
        return null;
    }
}
