using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Jobs.Bench.Scheduler;

/// <summary>
/// Debian's <c>ansible-core</c> running <c>command: /bin/true</c> over N local hosts in <c>serial: ["1%","5%","10%"]</c>,
/// the playbook JOBS is compared with. Installed with apt-get when missing (as test.sh installs what it needs).
/// </summary>
public sealed partial class AnsibleRun
{
    private const string Playbook = """
        - hosts: bench
          serial: ["1%", "5%", "10%"]
          connection: local
          gather_facts: false
          tasks:
            - command: /bin/true
        """;

    private readonly string _folder;

    private AnsibleRun(string folder, string version)
    {
        _folder = folder;
        Version = version;
    }

    public string Version { get; }

    public static async Task<AnsibleRun> PrepareAsync(BenchReport report)
    {
        if (!OnPath("ansible-playbook"))
        {
            report.Note("ansible-core was missing: installed Debian's `ansible-core` with apt-get.");
            await Shell.AptInstallAsync("ansible-core");
        }
        var version = (await Shell.RunAsync("ansible-playbook", ["--version"])).Split('\n')[0].Trim();
        var folder = Directory.CreateTempSubdirectory("jobs-bench-ansible.").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "play.yml"), Playbook + "\n");
        // Defaults except what keeps the run from writing outside its folder.
        await File.WriteAllTextAsync(Path.Combine(folder, "ansible.cfg"),
            $"[defaults]\nretry_files_enabled = False\nlocal_tmp = {folder}/tmp\n");
        return new AnsibleRun(folder, version);
    }

    /// <summary>
    /// Runs the playbook over <paramref name="hosts"/> hosts with <paramref name="forks"/> forks; the wall time of the
    /// whole run, or — past <paramref name="cap"/> — the time so far and how many hosts were done when it was stopped.
    /// </summary>
    public async Task<AnsibleResult> RunAsync(int hosts, int forks, TimeSpan cap)
    {
        var inventory = Path.Combine(_folder, $"hosts-{hosts}.ini");
        if (!File.Exists(inventory))
        {
            var sb = new StringBuilder("[bench]\n");
            for (var i = 0; i < hosts; i++) sb.Append(CultureInfo.InvariantCulture, $"bench-{i:D6} ansible_connection=local\n");
            await File.WriteAllTextAsync(inventory, sb.ToString());
        }
        var psi = new ProcessStartInfo("ansible-playbook", ["-i", inventory, "-f", forks.ToString(CultureInfo.InvariantCulture), "play.yml"])
        {
            WorkingDirectory = _folder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        psi.Environment["ANSIBLE_CONFIG"] = Path.Combine(_folder, "ansible.cfg");
        var output = new StringBuilder();
        var done = 0;
        var sw = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
            if (e.Data.StartsWith("changed: [bench-", StringComparison.Ordinal)) Interlocked.Increment(ref done);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(cap);
        var capped = false;
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            capped = true;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        sw.Stop();
        process.WaitForExit(); // drains the output events
        string text;
        lock (output) text = output.ToString();
        await File.WriteAllTextAsync(Path.Combine(_folder, $"run-{hosts}-f{forks}.log"), text);
        if (capped) return new AnsibleResult(hosts, sw.Elapsed.TotalSeconds, Volatile.Read(ref done), Capped: true);
        var ok = RecapOk().Matches(text).Count;
        if (process.ExitCode != 0 || ok != hosts)
            throw new InvalidOperationException($"ansible-playbook exited {process.ExitCode} with {ok} of {hosts} hosts ok; see {_folder}");
        return new AnsibleResult(hosts, sw.Elapsed.TotalSeconds, hosts, Capped: false);
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, program)));

    [GeneratedRegex(@"^bench-\d+\s*:\s*ok=1\s+changed=1\s+unreachable=0\s+failed=0", RegexOptions.Multiline)]
    private static partial Regex RecapOk();
}

/// <summary>One playbook run: its wall time, or the time until it was stopped at its cap and the hosts done by then.</summary>
public sealed record AnsibleResult(int Hosts, double Seconds, int Done, bool Capped)
{
    /// <summary>Seconds per host; for a capped run a lower bound of the true value is <see cref="Seconds"/> / <see cref="Hosts"/>.</summary>
    public double SecondsPerHost => Seconds / Math.Max(1, Done);

    public string Describe() => Capped
        ? string.Create(CultureInfo.InvariantCulture, $"> {Seconds:0} s (stopped at the cap, {Done:N0} of {Hosts:N0} hosts done)")
        : string.Create(CultureInfo.InvariantCulture, $"{Seconds:0.0} s");
}
