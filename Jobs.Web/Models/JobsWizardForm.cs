using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Jobs.Web.Models;

/// <summary>
/// Form helpers for the wizard's plain inputs (named after <see cref="JobDraft"/> properties, not <c>Draft.X</c>, so the
/// same names work as inputs and as hidden carry fields).
/// </summary>
public static class WizardForm
{
    /// <summary>What the operator typed when it failed to bind (e.g. "abc" for a number), else the draft's value.</summary>
    public static string? Value(ModelStateDictionary state, string name, string? current) =>
        state.TryGetValue(name, out var entry) && entry.Errors.Count > 0 && entry.AttemptedValue is not null ? entry.AttemptedValue : current;

    public static string? Value(ModelStateDictionary state, string name, IFormattable? current) =>
        Value(state, name, current?.ToString(null, System.Globalization.CultureInfo.InvariantCulture));

    public static bool HasError(ModelStateDictionary state, string name) =>
        state.TryGetValue(name, out var entry) && entry.Errors.Count > 0;

    public static string Invalid(ModelStateDictionary state, string name) => HasError(state, name) ? "is-invalid" : "";

    public static IEnumerable<string> Errors(ModelStateDictionary state, string name) =>
        state.TryGetValue(name, out var entry) ? entry.Errors.Select(e => string.IsNullOrEmpty(e.ErrorMessage) ? "This value is not valid." : e.ErrorMessage) : [];
}
