using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;

namespace Jobs.Core.Filtering;

/// <summary>
/// SQL helpers the filter translation uses, mapped per provider so SQLite and PostgreSQL compare text the same way
/// (see <see cref="FilterText"/>). Registered by <see cref="Persistence.JobsDbContext"/>.
/// </summary>
public static class FilterDbFunctions
{
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";

    /// <summary>Folds ASCII A–Z to a–z and nothing else (SQLite <c>lower</c>, PostgreSQL <c>translate</c>).</summary>
    public static string Fold(string value) => FilterText.Fold(value);

    /// <summary>Marks an operand to compare by code point, whatever the database's collation (PostgreSQL <c>COLLATE "C"</c>).</summary>
    public static string Ordinal(string value) => value;

    /// <summary>
    /// Whether the <see cref="PortableRegex.Effective"/> pattern matches: SQLite <c>regexp(pattern, input)</c> (the
    /// function registered on every connection), PostgreSQL <c>textregexeq(input, pattern)</c> (the function behind
    /// <c>~</c>). <c>Regex.IsMatch</c> is not used because Npgsql prefixes the pattern with its own option group,
    /// which clashes with the <c>(?i)</c> the filter needs.
    /// </summary>
    public static bool RegexMatch(string input, string pattern) => PortableRegex.GetEffective(pattern).IsMatch(input);

    public static ModelBuilder AddHostFilterFunctions(this ModelBuilder modelBuilder, string? providerName)
    {
        var postgres = providerName?.Contains("Npgsql", StringComparison.OrdinalIgnoreCase) == true;

        modelBuilder.HasDbFunction(typeof(FilterDbFunctions).GetMethod(nameof(Fold))!)
            .HasTranslation(args => postgres
                ? new SqlFunctionExpression("translate",
                    [args[0], new SqlConstantExpression(Upper, typeof(string), args[0].TypeMapping),
                        new SqlConstantExpression(Lower, typeof(string), args[0].TypeMapping)],
                    nullable: true, argumentsPropagateNullability: [true, false, false], typeof(string), args[0].TypeMapping)
                : new SqlFunctionExpression("lower", [args[0]],
                    nullable: true, argumentsPropagateNullability: [true], typeof(string), args[0].TypeMapping));

        modelBuilder.HasDbFunction(typeof(FilterDbFunctions).GetMethod(nameof(Ordinal))!)
            .HasTranslation(args => postgres ? new CollateExpression(args[0], "C") : args[0]);

        modelBuilder.HasDbFunction(typeof(FilterDbFunctions).GetMethod(nameof(RegexMatch))!)
            .HasTranslation(args => postgres
                ? new SqlFunctionExpression("textregexeq", [args[0], args[1]],
                    nullable: true, argumentsPropagateNullability: [true, true], typeof(bool), null)
                : new SqlFunctionExpression("regexp", [args[1], args[0]],
                    nullable: true, argumentsPropagateNullability: [true, true], typeof(bool), null));
        return modelBuilder;
    }
}
