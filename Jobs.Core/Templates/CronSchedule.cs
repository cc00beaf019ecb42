using Cronos;

namespace Jobs.Core.Templates;

/// <summary>A schedule's cron expression (5 fields, or 6 with seconds first) in its time zone, parsed by Cronos:
/// the same text Hangfire reads. Daylight-saving gaps and overlaps follow Cronos (a skipped local time fires at the
/// jump, a repeated one once).</summary>
public sealed record CronSchedule(CronExpression Expression, TimeZoneInfo Zone)
{
    /// <summary>How far back a fire looks for the occurrence it stands for (a node down longer misses the rest).</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromDays(1);

    /// <summary>The schedule, or the reason per field (<c>cron</c>, <c>timeZone</c>) in the user's words.</summary>
    public static CronSchedule? TryParse(string? cron, string? timeZone, Action<string, string> error)
    {
        CronExpression? expression = null;
        var text = cron?.Trim() ?? "";
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (text.Length == 0) error("cron", "A cron expression is required, e.g. 0 3 * * * (every day at 03:00).");
        else if (fields is not (5 or 6)) error("cron", $"A cron expression has 5 fields (minute hour day month weekday) or 6 with seconds first; '{text}' has {fields}.");
        else if (!CronExpression.TryParse(text, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard, out expression))
            error("cron", $"'{text}' is not a cron expression (minute hour day-of-month month day-of-week, e.g. 30 2 * * 1-5).");
        var zone = FindZone(timeZone);
        if (zone is null) error("timeZone", $"'{timeZone}' is not a known time zone; use an IANA name such as UTC, Europe/Berlin or Asia/Shanghai.");
        return expression is null || zone is null ? null : new CronSchedule(expression, zone);
    }

    public static TimeZoneInfo? FindZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return null;
        try { return TimeZoneInfo.FindSystemTimeZoneById(id.Trim()); }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException) { return null; }
    }

    /// <summary>The next <paramref name="count"/> occurrences after <paramref name="after"/>, in the schedule's zone.</summary>
    public IReadOnlyList<DateTimeOffset> Next(DateTimeOffset after, int count)
    {
        var result = new List<DateTimeOffset>(count);
        var at = after;
        while (result.Count < count && Expression.GetNextOccurrence(at, Zone) is { } next)
        {
            result.Add(TimeZoneInfo.ConvertTime(next, Zone));
            at = next;
        }
        return result;
    }

    /// <summary>A fire this much before an occurrence stands for it (another node's clock a little ahead).</summary>
    public static readonly TimeSpan EarlyTolerance = TimeSpan.FromSeconds(2);

    /// <summary>The latest occurrence in (<paramref name="after"/>, <paramref name="now"/> + <see cref="EarlyTolerance"/>], UTC, or null.</summary>
    public DateTime? LatestDue(DateTime after, DateTime now)
    {
        var upTo = now + EarlyTolerance;
        var from = after > upTo - Lookback ? after : upTo - Lookback;
        DateTime? latest = null;
        foreach (var o in Expression.GetOccurrences(DateTime.SpecifyKind(from, DateTimeKind.Utc), DateTime.SpecifyKind(upTo, DateTimeKind.Utc),
                     Zone, fromInclusive: false, toInclusive: true))
            latest = o;
        return latest;
    }
}
