namespace Jobs.Core.Security;

/// <summary>
/// The three roles, from least to most. A user holds at most one (the highest wins if several were granted).
/// <list type="bullet">
/// <item><see cref="Viewer"/>: reads every page and API except secrets.</item>
/// <item><see cref="Operator"/>: also creates and controls jobs (within the user's server scope) and imports inventory.</item>
/// <item><see cref="Admin"/>: also users, API keys, executor settings, the two-person approval of dangerous jobs; unscoped.</item>
/// </list>
/// </summary>
public static class Roles
{
    public const string Viewer = "Viewer";
    public const string Operator = "Operator";
    public const string Admin = "Admin";

    /// <summary>Every role, least first.</summary>
    public static IReadOnlyList<string> All { get; } = [Viewer, Operator, Admin];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);

    /// <summary>The roles that include <paramref name="role"/>'s rights (e.g. Operator → Operator, Admin).</summary>
    public static string[] AtLeast(string role) => All.SkipWhile(r => r != role).ToArray();

    /// <summary>The highest of <paramref name="roles"/>, or null when none is known.</summary>
    public static string? Highest(IEnumerable<string> roles)
    {
        var set = roles.ToHashSet(StringComparer.Ordinal);
        return All.LastOrDefault(set.Contains);
    }
}
