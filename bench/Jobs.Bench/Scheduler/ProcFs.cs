using System.Globalization;
using System.Runtime.InteropServices;

namespace Jobs.Bench.Scheduler;

/// <summary>What Linux's /proc says about a process: children, peak memory; and signals. Linux only (as the bench is).</summary>
internal static partial class ProcFs
{
    /// <summary>Value of a <c>kB</c> line of /proc/{pid}/status (VmHWM, VmRSS), 0 when unreadable.</summary>
    public static long StatusKb(int pid, string key)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith(key + ":", StringComparison.Ordinal))
                    return long.Parse(line[(key.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException) { }
        return 0;
    }

    /// <summary>Writing 5 to clear_refs resets VmHWM to the current resident set (Linux 4.0 and later).</summary>
    public static bool ResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static List<int> ChildrenOf(int pid)
    {
        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var child)) continue;
            try
            {
                // stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == pid) children.Add(child);
            }
            catch (IOException) { }
        }
        return children;
    }

    /// <summary>CPU time of the process (user + system, with waited-for children), seconds (USER_HZ = 100).</summary>
    public static double CpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)
                    + long.Parse(f[13], CultureInfo.InvariantCulture) + long.Parse(f[14], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>
    /// Nanoseconds each live thread of the process has spent runnable but waiting for a CPU (second field of its
    /// schedstat), by thread id: how much a busy machine held the process back.
    /// </summary>
    public static Dictionary<int, long> RunQueueWaits(int pid)
    {
        var waits = new Dictionary<int, long>();
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    waits[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] =
                        long.Parse(File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ')[1], CultureInfo.InvariantCulture);
                }
                catch (IOException) { }
            }
        }
        catch (IOException) { }
        return waits;
    }

    /// <summary>Busy and total jiffies of the whole machine (first line of /proc/stat; idle and iowait are not busy).</summary>
    public static (long Busy, long Total) MachineCpu()
    {
        var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        var total = f.Take(8).Sum();
        return (total - f[3] - f[4], total);
    }

    public static void Signal(int pid, int signal) => _ = kill(pid, signal);

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SYSLIB1054 // DllImport keeps the bench free of unsafe code
    private static extern int kill(int pid, int sig);
#pragma warning restore SYSLIB1054
}
