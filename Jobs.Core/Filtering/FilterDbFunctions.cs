using Microsoft.EntityFrameworkCore;

namespace Jobs.Core.Filtering;

/// <summary>
/// SQL helpers the filter translation uses, mapped per provider through <see cref="IFilterSqlDialect"/> so every
/// database compares text the same way (see <see cref="FilterText"/>). Registered by the database context.
/// </summary>
public static class FilterDbFunctions
{
    /// <summary>Folds ASCII A–Z to a–z and nothing else (SQLite <c>lower</c>, PostgreSQL <c>translate</c>, SQL Server binary-collated <c>TRANSLATE</c>).</summary>
    public static string Fold(string value) => FilterText.Fold(value);

    /// <summary>Marks an operand to compare by code point, whatever the database's collation (PostgreSQL <c>COLLATE "C"</c>, SQL Server <c>COLLATE Latin1_General_100_BIN2</c>).</summary>
    public static string Ordinal(string value) => value;

    /// <summary>
    /// Whether the <see cref="PortableRegex.Effective"/> pattern matches: SQLite <c>regexp(pattern, input)</c> (the
    /// function registered on every connection), PostgreSQL <c>textregexeq(input, pattern)</c> (the function behind
    /// <c>~</c>). <c>Regex.IsMatch</c> is not used because Npgsql prefixes the pattern with its own option group,
    /// which clashes with the <c>(?i)</c> the filter needs.
    /// </summary>
    public static bool RegexMatch(string input, string pattern) => PortableRegex.GetEffective(pattern).IsMatch(input);

    /// <summary>Maps the three functions to the database's spelling of them.</summary>
    public static ModelBuilder AddHostFilterFunctions(this ModelBuilder modelBuilder, IFilterSqlDialect dialect)
    {
        modelBuilder.HasDbFunction(typeof(FilterDbFunctions).GetMethod(nameof(Fold))!).HasTranslation(args => dialect.Fold(args[0]));
        modelBuilder.HasDbFunction(typeof(FilterDbFunctions).GetMethod(nameof(Ordinal))!).HasTranslation(args => dialect.Ordinal(args[0]));
        modelBuilder.HasDbFunction(typeof(FilterDbFunctions).GetMethod(nameof(RegexMatch))!)
            .HasTranslation(args => dialect.RegexMatch(args[0], args[1]));
        return modelBuilder;
    }
}
