using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Jobs.Core.Security;

/// <summary>A dangerous fragment found in a command, and the rule (pattern) that found it.</summary>
public sealed record DangerousMatch(string Fragment, string Pattern)
{
    public override string ToString() => $"'{Fragment}' matches the rule {Pattern}";
}

/// <summary>
/// Recognises commands that destroy data or take a host out of service (<see cref="SecurityOptions.DangerousPatterns"/>).
/// One list serves the preview warning, the two-person rule and the job's audit entry. Patterns run on .NET's
/// non-backtracking engine, so an operator-supplied pattern cannot make a check take exponential time.
/// </summary>
public sealed class DangerousCommands
{
    private readonly IReadOnlyList<(Regex Regex, string Pattern)> _rules;
    private readonly Regex? _any;

    public DangerousCommands(IOptions<SecurityOptions> options) : this(options.Value.EffectivePatterns) { }

    public DangerousCommands(IEnumerable<string> patterns)
    {
        _rules = patterns.Select(p => (Compile(p), p)).ToList();
        // One pass over a harmless command (the usual case) instead of one per rule: a job over 100,000 hosts whose
        // command has host placeholders is checked once per host.
        _any = _rules.Count == 0 ? null : Compile(string.Join("|", _rules.Select(r => $"(?:{r.Pattern})")));
    }

    /// <summary>The shipped rules (tests, tools).</summary>
    public static DangerousCommands Default { get; } = new(SecurityOptions.DefaultDangerousPatterns);

    /// <summary>The first dangerous fragment of <paramref name="text"/>, or null.</summary>
    public DangerousMatch? Find(string text)
    {
        if (_any is null || !_any.IsMatch(text)) return null;
        foreach (var (regex, pattern) in _rules)
        {
            if (regex.Match(text) is { Success: true } m) return new DangerousMatch(m.Value.Trim(), pattern);
        }
        return null;
    }

    /// <summary>Why <paramref name="pattern"/> is not a usable rule, or null when it is.</summary>
    public static string? Problem(string pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern)) return "is empty";
        try
        {
            Compile(pattern);
            return null;
        }
        catch (ArgumentException ex)
        {
            return $"is not a valid regular expression ({ex.Message})";
        }
        catch (NotSupportedException ex)
        {
            return $"uses a construct that cannot run in linear time ({ex.Message})";
        }
    }

    private static Regex Compile(string pattern) =>
        new(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
}
