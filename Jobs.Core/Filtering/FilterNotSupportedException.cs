namespace Jobs.Core.Filtering;

/// <summary>
/// The filter is valid but this database cannot run it (e.g. <c>~</c> on a SQL Server older than 2025). The message
/// says what to use instead; the pages and the API answer 400 with it, never an error page.
/// </summary>
public sealed class FilterNotSupportedException(string message, Exception inner) : Exception(message, inner);
