using System.Globalization;
using Jobs.Core.Domain;

namespace Jobs.Web.Models;

/// <summary>Small formatting helpers shared by the job pages (wording and colours come from <see cref="StatusText"/>).</summary>
public static class JobsDisplay
{
    /// <summary>"2h 05m", "3m 20s", "12s" — compact enough for a table cell.</summary>
    public static string Duration(TimeSpan? span)
    {
        if (span is not { } t) return "—";
        if (t < TimeSpan.Zero) t = TimeSpan.Zero;
        if (t.TotalDays >= 1) return $"{(int)t.TotalDays}d {t.Hours:00}h";
        if (t.TotalHours >= 1) return $"{(int)t.TotalHours}h {t.Minutes:00}m";
        if (t.TotalMinutes >= 1) return $"{(int)t.TotalMinutes}m {t.Seconds:00}s";
        if (t.TotalSeconds >= 10) return $"{(int)t.TotalSeconds}s";
        if (t.TotalSeconds < 1) return $"{(int)t.TotalMilliseconds} ms";
        return $"{t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)}s";
    }

    public static string DurationMs(int? ms) => ms is { } v ? Duration(TimeSpan.FromMilliseconds(v)) : "—";

    /// <summary>ISO 8601 UTC for <c>&lt;time datetime&gt;</c>; the page script turns it into the operator's local time.</summary>
    public static string Iso(DateTime? at) => at is { } a ? DateTime.SpecifyKind(a, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : "";

    /// <summary>What shows before the script runs (or without JavaScript): UTC, said so.</summary>
    public static string Utc(DateTime? at) => at is { } a ? a.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : "—";

    public static string Percent(double value) => value.ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string Number(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"1 host", "2 hosts", "1,200 hosts" — a count with its noun in the right number (issue 9, item 15).</summary>
    public static string Plural(long n, string singular, string? plural = null) =>
        Number(n) + " " + (n == 1 ? singular : plural ?? singular + "s");
}
