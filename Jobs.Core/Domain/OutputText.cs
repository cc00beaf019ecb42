using System.Text;

namespace Jobs.Core.Domain;

/// <summary>How much of a host's stdout and stderr JOBS keeps: a rule of the host record, applied by <see cref="HostTask.Finish"/>
/// and by executors while they read output.</summary>
public static class OutputText
{
    /// <summary>Default cap on stdout/stderr kept per host.</summary>
    public const int DefaultCapBytes = 64 * 1024;

    public const string TruncationMark = "\n…[truncated: output exceeded 64 KiB]";

    /// <summary>Keeps at most <paramref name="capBytes"/> UTF-8 bytes (on a character boundary) and marks the cut.</summary>
    public static string? Cap(string? text, int capBytes = DefaultCapBytes)
    {
        if (text is null) return null;
        if (Encoding.UTF8.GetByteCount(text) <= capBytes) return text;
        var chars = Math.Min(text.Length, capBytes);
        while (chars > 0 && Encoding.UTF8.GetByteCount(text.AsSpan(0, chars)) > capBytes) chars = chars * 9 / 10;
        if (chars > 0 && char.IsHighSurrogate(text[chars - 1])) chars--;
        return string.Concat(text.AsSpan(0, chars), TruncationMark);
    }
}
