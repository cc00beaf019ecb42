namespace Jobs.Web.Infrastructure;

/// <summary>
/// The data folder (database, logs) must exist and be writable before anything else starts; otherwise JOBS stops at
/// once with one line that names the folder and what to do, instead of a stack trace from the database or the logger.
/// </summary>
public static class DataFolder
{
    /// <summary>Creates <paramref name="path"/> and proves it writable; null when it is, else the message to print.</summary>
    public static string? Problem(string path)
    {
        try
        {
            Directory.CreateDirectory(path);
            var probe = Path.Combine(path, $".write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
            return null;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException or NotSupportedException)
        {
            return $"JOBS cannot write to its data folder {path}: {ex.Message} " +
                   "Make the folder writable for this account, free disk space, or set Jobs:DataPath to another folder.";
        }
    }
}
