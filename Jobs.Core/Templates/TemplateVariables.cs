using System.Globalization;
using System.Text.RegularExpressions;
using Jobs.Core.Domain;

namespace Jobs.Core.Templates;

/// <summary>
/// Checks template variables: their definitions when a template is saved, and the values of a run. Error keys are
/// <c>variables.&lt;name&gt;</c> for values and <c>variables[i].&lt;field&gt;</c> for definitions; each message names
/// the rule that failed (required, type, pattern, one-of) and what is allowed.
/// </summary>
public static partial class TemplateVariables
{
    /// <summary>A pattern that takes longer than this on one value fails (no catastrophic backtracking on a run).</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(250);

    public const int MaxValueLength = 1000;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,63}$")]
    private static partial Regex NamePattern();

    /// <summary>Problems of the definitions, keyed <c>variables[i].field</c>.</summary>
    public static IEnumerable<(string Field, string Message)> CheckDefinitions(IReadOnlyList<TemplateVariable> variables)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < variables.Count; i++)
        {
            var v = variables[i];
            var key = $"variables[{i}]";
            if (v.Name is null || !NamePattern().IsMatch(v.Name))
            {
                yield return ($"{key}.name", $"'{v.Name}' is not a variable name: use letters, digits and _, starting with a letter (e.g. version).");
                continue;
            }
            if (!seen.Add(v.Name)) yield return ($"{key}.name", $"The variable {v.Name} is defined twice.");
            if (!Enum.IsDefined(v.Type)) yield return ($"{key}.type", "The type must be string, number or boolean.");
            if (v.Pattern is { Length: > 0 } p && PatternProblem(p) is { } why)
                yield return ($"{key}.pattern", $"The pattern of {v.Name} is not a valid regular expression: {why}.");
            foreach (var allowed in v.OneOf ?? [])
            {
                if (TypeProblem(v, allowed) is { } bad) yield return ($"{key}.oneOf", $"The allowed value '{allowed}' of {v.Name}: {bad}");
            }
            if (v.Default is { Length: > 0 } d && Check(v, d) is { } badDefault)
                yield return ($"{key}.default", $"The default of {v.Name} is not valid: {badDefault}");
        }
    }

    /// <summary>
    /// The value of every variable for one run: the supplied value, else the default; checked in the order required,
    /// type, pattern, one-of. Unknown names are errors too (a typo must not silently run with the default).
    /// </summary>
    public static (Dictionary<string, string> Values, Dictionary<string, string[]> Errors) Resolve(
        IReadOnlyList<TemplateVariable> variables, IReadOnlyDictionary<string, string>? supplied)
    {
        supplied ??= new Dictionary<string, string>();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var name in supplied.Keys.Where(k => variables.All(v => v.Name != k)))
        {
            errors[$"variables.{name}"] = [variables.Count == 0
                ? $"The template has no variables, so {name} is not one of them."
                : $"The template has no variable {name}; it has: {string.Join(", ", variables.Select(v => v.Name))}."];
        }
        foreach (var v in variables)
        {
            var value = supplied.TryGetValue(v.Name, out var given) && !string.IsNullOrWhiteSpace(given) ? given.Trim() : v.Default;
            if (string.IsNullOrEmpty(value))
            {
                if (v.Required) errors[$"variables.{v.Name}"] = [$"{v.Name} is required: give a value (the template has no default for it)."];
                else values[v.Name] = "";
                continue;
            }
            if (Check(v, value) is { } problem) errors[$"variables.{v.Name}"] = [problem];
            else values[v.Name] = Normalise(v, value);
        }
        return (values, errors);
    }

    /// <summary>Why <paramref name="value"/> does not fit <paramref name="v"/> (type, pattern, one-of), or null.</summary>
    public static string? Check(TemplateVariable v, string value)
    {
        if (value.Length > MaxValueLength) return $"{v.Name} is longer than {MaxValueLength} characters.";
        if (TypeProblem(v, value) is { } typeProblem) return typeProblem;
        if (v.Pattern is { Length: > 0 } pattern && PatternProblem(pattern) is null)
        {
            bool matches;
            try { matches = Regex.IsMatch(value, $"^(?:{pattern})$", RegexOptions.CultureInvariant, RegexTimeout); }
            catch (RegexMatchTimeoutException) { matches = false; }
            if (!matches) return $"{v.Name} does not match the pattern {pattern} (got '{value}').";
        }
        if (v.OneOf is { Count: > 0 } allowed && !allowed.Contains(value, StringComparer.Ordinal))
            return $"{v.Name} must be one of: {string.Join(", ", allowed)} (got '{value}').";
        return null;
    }

    /// <summary>A value every rule of <paramref name="v"/> is likely to accept, for checking a template as it is saved.</summary>
    public static string Sample(TemplateVariable v) =>
        v.Default is { Length: > 0 } d ? d
        : v.OneOf is { Count: > 0 } o ? o[0]
        : v.Type switch { VariableType.Number => "1", VariableType.Boolean => "true", _ => "sample" };

    private static string? TypeProblem(TemplateVariable v, string value) => v.Type switch
    {
        VariableType.Number when !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _) =>
            $"{v.Name} must be a number (got '{value}').",
        VariableType.Boolean when !bool.TryParse(value, out _) => $"{v.Name} must be true or false (got '{value}').",
        _ => null,
    };

    private static string Normalise(TemplateVariable v, string value) => v.Type switch
    {
        VariableType.Boolean => bool.Parse(value) ? "true" : "false",
        VariableType.Number => decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        _ => value,
    };

    private static string? PatternProblem(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, RegexTimeout);
            return null;
        }
        catch (ArgumentException ex)
        {
            return ex.Message.Split(" - ").Last().TrimEnd('.');
        }
    }
}
