using System.Diagnostics;
using System.Net;
using Jobs.Testing;

namespace Jobs.Resilience.Tests.Harness;

/// <summary>
/// One real JOBS process: <c>dotnet Jobs.Web.dll</c> on a free 127.0.0.1 port, configured only through environment
/// variables (as an operator would), its output appended to <c>{artifacts}/{name}.log</c>. It can be started again on
/// the same data after <see cref="Kill"/>, which is a SIGKILL: no shutdown hook, no flush, children left running.
/// </summary>
public sealed class JobsNode : IAsyncDisposable
{
    /// <summary>The node's name in its environment, so the <c>local</c> commands it starts can say who ran them.</summary>
    public const string NodeVariable = "JOBS_TEST_NODE";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly string _logPath;
    private readonly object _logLock = new();
    private StreamWriter? _log;
    private Process? _process;

    public JobsNode(string name, string artifacts, NodeDatabase database, IReadOnlyDictionary<string, string?>? settings = null)
    {
        Name = name;
        Port = Loopback.FreePort();
        _logPath = Path.Combine(artifacts, name + ".log");
        var all = new Dictionary<string, string?>(TestSecurity.Settings)
        {
            ["Database:Provider"] = database.Provider,
            ["ConnectionStrings:Jobs"] = database.ConnectionString,
            ["Jobs:DataPath"] = database.DataPath,
            ["Jobs:Scheduler:TickMilliseconds"] = "200",
            ["Jobs:Scheduler:SystemRetrySeconds"] = "1",
            ["Jobs:Scheduler:ReconcileSeconds"] = "2",
            ["Jobs:Scheduler:NodeName"] = name,
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) all[k] = v;
        _settings = all;
        Api = new JobsApi(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(30) });
    }

    public string Name { get; }
    public int Port { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");
    public JobsApi Api { get; }
    public int Starts { get; private set; }
    public bool IsRunning => _process is { HasExited: false };
    public int ProcessId => _process?.Id ?? 0;
    public string LogPath => _logPath;

    /// <summary>Starts the process and waits until <c>/healthz</c> answers 200 (the database is migrated by then).</summary>
    public async Task StartAsync()
    {
        if (IsRunning) throw new InvalidOperationException($"{Name} is already running.");
        Starts++;
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Paths.WebDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Paths.WebDll);
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        psi.Environment["ASPNETCORE_WEBROOT"] = Path.Combine(Paths.RepoRoot, "Jobs.Web", "wwwroot");
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment[NodeVariable] = Name;
        foreach (var (k, v) in _settings) psi.Environment[k.Replace(":", "__", StringComparison.Ordinal)] = v ?? "";
        if (!File.Exists(Paths.WebDll)) throw new FileNotFoundException("Build Jobs.Web in Release first (dotnet build Jobs.sln -c Release).", Paths.WebDll);

        lock (_logLock)
        {
            _log ??= new StreamWriter(new FileStream(_logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
            _log.WriteLine($"===== {Name}: start {Starts} at {DateTime.UtcNow:O} on port {Port}");
        }
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data is null ? null : "[stderr] " + e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitHealthyAsync(StartTimeout);
    }

    /// <summary>Waits for <c>/healthz</c> = 200; fails with the end of the log when the process exits or the time is up.</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (_process is not { HasExited: false })
                throw new InvalidOperationException($"{Name} exited with {_process?.ExitCode} during start.\n{LogTail()}");
            try
            {
                using var response = await http.GetAsync("/healthz");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{Name} not healthy after {timeout}.\n{LogTail()}");
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: the process dies at once, mid-write if it was writing. Its child processes keep running.</summary>
    public void Kill()
    {
        if (_process is not { HasExited: false } p) return;
        p.Kill(entireProcessTree: false);
        p.WaitForExit();
        Write($"===== {Name}: SIGKILL at {DateTime.UtcNow:O}");
    }

    /// <summary>The lines this node has logged so far (all its starts).</summary>
    public string[] LogLines()
    {
        lock (_logLock)
        {
            using var s = new FileStream(_logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var r = new StreamReader(s);
            return r.ReadToEnd().TrimEnd('\n').Split('\n');
        }
    }

    public string LogTail(int lines = 40) => string.Join('\n', LogLines().TakeLast(lines));

    private void Write(string? line)
    {
        if (line is null) return;
        lock (_logLock) _log?.WriteLine(line);
    }


    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        Api.Dispose();
        lock (_logLock)
        {
            _log?.Dispose();
            _log = null;
        }
        return ValueTask.CompletedTask;
    }
}
