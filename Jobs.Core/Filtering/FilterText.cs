namespace Jobs.Core.Filtering;

/// <summary>
/// How the filter compares text, identically in SQL and in memory: case-insensitive for ASCII letters (both sides
/// are folded A–Z → a–z, nothing else) and ordinal otherwise.
/// </summary>
/// <remarks>
/// ASCII-only folding is what SQLite's <c>lower()</c> does; PostgreSQL's <c>lower()</c> folds by locale, so there the
/// filter folds with <c>translate(x, 'A…Z', 'a…z')</c> instead and both databases agree on every input.
/// </remarks>
internal static class FilterText
{
    public static string Fold(string value)
    {
        var i = 0;
        while (i < value.Length && !char.IsAsciiLetterUpper(value[i])) i++;
        if (i == value.Length) return value;
        return string.Create(value.Length, value, static (span, v) =>
        {
            for (var j = 0; j < v.Length; j++)
            {
                var c = v[j];
                span[j] = char.IsAsciiLetterUpper(c) ? (char)(c + 32) : c;
            }
        });
    }

    public static int Compare(string a, string b) => string.CompareOrdinal(Fold(a), Fold(b));
}
