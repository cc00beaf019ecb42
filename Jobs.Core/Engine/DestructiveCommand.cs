using System.Text.RegularExpressions;

namespace Jobs.Core.Engine;

/// <summary>
/// Recognises commands that destroy data or take a host out of service, for the "looks destructive" warning a preview
/// (and so the wizard's Review step, the API and the job's audit entry) shows. A warning only: nothing is refused.
/// </summary>
internal static partial class DestructiveCommand
{
    /// <summary>The first destructive-looking fragment of <paramref name="text"/>, or null.</summary>
    public static string? Find(string text) => Pattern().Match(text) is { Success: true } m ? m.Value.Trim() : null;

    [GeneratedRegex(
        @"\brm\s+-[a-z]*[rf][a-z]*\b|\bmkfs(\.\w+)?\b|\bdd\s+if=|\b(shutdown|poweroff|halt|reboot|init\s+0)\b" +
        @"|\bdrop\s+(database|table|schema)\b|\btruncate\s+table\b|\bkill\s+-9\b|\bkillall\b|\buserdel\b|\bwipefs\b" +
        @"|\biptables\s+-F\b|>\s*/dev/sd[a-z]|\bsystemctl\s+(stop|disable|mask)\b|\bfdisk\b|\bparted\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
