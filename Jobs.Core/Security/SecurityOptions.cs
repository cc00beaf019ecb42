namespace Jobs.Core.Security;

/// <summary><c>Jobs:Security</c>: what counts as a dangerous command (the two-person rule).</summary>
public sealed class SecurityOptions
{
    public const string Section = "Jobs:Security";

    /// <summary>
    /// Regular expressions (case-insensitive, evaluated in linear time) matched against every rendered command string of
    /// a job that runs commands, for every target host. A match holds the job for an Admin other than its creator.
    /// Setting the list in configuration replaces these defaults.
    /// </summary>
    public List<string> DangerousPatterns { get; set; } = [];

    /// <summary>The shipped list: commands that destroy data or take a host out of service.</summary>
    public static IReadOnlyList<string> DefaultDangerousPatterns { get; } =
    [
        @"\brm\s+-[a-z]*[rf][a-z]*\b",
        @"\bmkfs(\.\w+)?\b",
        @"\bdd\s+if=",
        @"\b(shutdown|poweroff|halt|reboot|init\s+0)\b",
        @"\bdrop\s+(database|table|schema)\b",
        @"\btruncate\s+table\b",
        @"\bkill\s+-9\b",
        @"\bkillall\b",
        @"\buserdel\b",
        @"\bwipefs\b",
        @"\biptables\s+-F\b",
        @">\s*/dev/sd[a-z]",
        @"\bsystemctl\s+(stop|disable|mask)\b",
        @"\bfdisk\b",
        @"\bparted\b",
    ];

    /// <summary>The configured list, or the defaults when none is configured.</summary>
    public IReadOnlyList<string> EffectivePatterns => DangerousPatterns.Count > 0 ? DangerousPatterns : DefaultDangerousPatterns;
}
