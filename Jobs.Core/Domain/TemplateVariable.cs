namespace Jobs.Core.Domain;

/// <summary>The type of a template variable: how its value is checked and how it is written into the job.</summary>
public enum VariableType
{
    String = 0,
    Number = 1,
    Boolean = 2,
}

/// <summary>
/// A named variable of a job template (<c>{{var.version}}</c>): its type, default and validation. A value is checked in
/// this order: missing (required without a value or default), type, pattern (the whole value must match), one-of.
/// </summary>
/// <param name="Name">Letters, digits and <c>_</c>, starting with a letter; used as <c>{{var.Name}}</c>.</param>
/// <param name="Pattern">A regular expression the whole value must match, or null.</param>
/// <param name="OneOf">The allowed values, or null/empty for any.</param>
public sealed record TemplateVariable(
    string Name,
    VariableType Type = VariableType.String,
    string? Default = null,
    bool Required = true,
    string? Pattern = null,
    IReadOnlyList<string>? OneOf = null,
    string? Description = null);
