namespace Jobs.Web.Models;

/// <summary>One page of a server-side paged list. Pages are 1-based.</summary>
public sealed record PageOf<T>(IReadOnlyList<T> Items, long Total, int Page, int PageSize)
{
    public int PageCount => CountPages(Total, PageSize);
    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < PageCount;
    public long FirstItem => Total == 0 ? 0 : ((long)Page - 1) * PageSize + 1;
    public long LastItem => Math.Min(Total, (long)Page * PageSize);

    /// <summary>Pages needed for <paramref name="total"/> items; an empty list still has its one (empty) page.</summary>
    public static int CountPages(long total, int pageSize) => total == 0 ? 1 : (int)((total + pageSize - 1) / pageSize);

    /// <summary>Clamps a requested page (from the query string) to something sensible.</summary>
    public static int ClampPage(int? page) => page is > 0 and < 1_000_000 ? page.Value : 1;
}
