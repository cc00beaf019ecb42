namespace Jobs.Resilience.Tests.Harness;

/// <summary>The <c>local</c> executor's runs a JOBS process has in flight, read from <c>/proc</c>: its child processes
/// whose command line is the host log's command (…, job id, hostname).</summary>
public static class ChildProcesses
{
    public static List<Run> RunsOf(int pid)
    {
        var runs = new List<Run>();
        if (!Directory.Exists($"/proc/{pid}/task")) return runs;
        foreach (var task in Directory.GetDirectories($"/proc/{pid}/task"))
        {
            string children;
            try { children = File.ReadAllText(Path.Combine(task, "children")); }
            catch (IOException) { continue; }
            foreach (var child in children.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] args;
                try { args = File.ReadAllText($"/proc/{child}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries); }
                catch (IOException) { continue; }
                if (args.Length >= 2 && args[0] == "flock" && long.TryParse(args[^2], out var jobId)) runs.Add(new Run(int.Parse(child, System.Globalization.CultureInfo.InvariantCulture), jobId, args[^1]));
            }
        }
        return runs;
    }
}

/// <summary>A run in flight: the child process, the job, the host.</summary>
public sealed record Run(int Pid, long JobId, string Host)
{
    /// <summary>Still running (a run that outlives its JOBS process cannot have been seen finishing by it).</summary>
    public bool IsAlive => Directory.Exists($"/proc/{Pid}");
}
