namespace Jobs.Web.Models;

/// <summary>One page of a server-side paged list. Pages are 1-based.</summary>
public sealed record PageOf<T>(IReadOnlyList<T> Items, long Total, int Page, int PageSize)
{
    public int PageCount => Total == 0 ? 1 : (int)((Total + PageSize - 1) / PageSize);
    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < PageCount;
    public long FirstItem => Total == 0 ? 0 : ((long)Page - 1) * PageSize + 1;
    public long LastItem => Math.Min(Total, (long)Page * PageSize);

    /// <summary>Clamps a requested page (from the query string) to something sensible.</summary>
    public static int ClampPage(int? page) => page is > 0 and < 1_000_000 ? page.Value : 1;
}
