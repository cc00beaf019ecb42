using Microsoft.EntityFrameworkCore.Query.SqlExpressions;

namespace Jobs.Core.Filtering;

/// <summary>
/// How one database spells the text comparisons of the host filter (see <see cref="FilterText"/>): the provider seam
/// of the filter, one implementation per provider (<c>Jobs.Core/Persistence/{Sqlite,Postgres,SqlServer}</c>).
/// </summary>
public interface IFilterSqlDialect
{
    /// <summary>Folds ASCII A–Z to a–z and nothing else.</summary>
    SqlExpression Fold(SqlExpression value);

    /// <summary>Compares by code point whatever the database's collation.</summary>
    SqlExpression Ordinal(SqlExpression value);

    /// <summary>Whether the (already effective, see <see cref="PortableRegex"/>) pattern matches the input.</summary>
    SqlExpression RegexMatch(SqlExpression input, SqlExpression pattern);
}
