using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Jobs.Bench.Scheduler;

/// <summary>
/// One real JOBS process — <c>dotnet Jobs.Web/bin/Release/net10.0/Jobs.Web.dll</c> — configured the way an operator
/// configures it, through environment variables: its URL on 127.0.0.1, the database, the bootstrap admin API key.
/// Nothing of the engine or the scheduler is touched from here, so the figures hold for whatever runs inside.
/// </summary>
public sealed class JobsNode : IAsyncDisposable
{
    public const string ApiKey = "bench-admin-api-key-0123456789abcdef0123456789";

    private readonly Process _process;
    private readonly StreamWriter _log;

    private JobsNode(string name, Process process, StreamWriter log, int port)
    {
        Name = name;
        _process = process;
        _log = log;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        Api = new JobsApi(BaseAddress);
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public JobsApi Api { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The folder holding the repository (Jobs.sln), found from this program's location.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string WebDll => Path.Combine(RepoRoot, "Jobs.Web", "bin", "Release", "net10.0", "Jobs.Web.dll");

    /// <summary>Starts a node and waits until <c>/healthz</c> answers (at most <paramref name="startTimeout"/>).</summary>
    /// <param name="settings">Configuration keys as in appsettings.json (<c>Database:Provider</c>), passed as environment variables.</param>
    public static async Task<JobsNode> StartAsync(string name, string dataPath, IReadOnlyDictionary<string, string> settings, TimeSpan? startTimeout = null)
    {
        if (!File.Exists(WebDll)) throw new InvalidOperationException($"{WebDll} is missing: build Jobs.Web in Release first.");
        Directory.CreateDirectory(dataPath);
        var port = FreePort();
        var psi = new ProcessStartInfo("dotnet", [WebDll])
        {
            // The content root is the project folder (wwwroot, as `dotnet run` would have it).
            WorkingDirectory = Path.Combine(RepoRoot, "Jobs.Web"),
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var env = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Jobs:DataPath"] = dataPath,
            ["Jobs:Bootstrap:ApiKey"] = ApiKey,
            ["Jobs:Bootstrap:AdminPassword"] = "bench-admin-password-0123456789",
            ["Jobs:Auth:RequireHttps"] = "false",
            ["Jobs:Import:MaxBytes"] = "67108864",
            ["Jobs:Import:MaxRows"] = "200000",
        };
        foreach (var (key, value) in settings) env[key] = value;
        foreach (var (key, value) in env) psi.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var log = new StreamWriter(Path.Combine(dataPath, $"{name}.out.log")) { AutoFlush = true };
        var process = Process.Start(psi) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var node = new JobsNode(name, process, log, port);
        await node.WaitHealthyAsync(startTimeout ?? TimeSpan.FromSeconds(90), Path.Combine(dataPath, $"{name}.out.log"));
        return node;
    }

    private async Task WaitHealthyAsync(TimeSpan timeout, string logPath)
    {
        var sw = Stopwatch.StartNew();
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (sw.Elapsed < timeout)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"JOBS node {Name} exited with {_process.ExitCode} while starting; see {logPath}");
            try
            {
                using var response = await http.GetAsync("healthz");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"JOBS node {Name} did not answer /healthz within {timeout.TotalSeconds:0} s; see {logPath}");
    }

    /// <summary>SIGKILL: no shutdown hook runs, nothing is flushed — a power cut as far as the process knows.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: false);
        _process.WaitForExit(10_000);
    }

    /// <summary>Processes whose parent is this node (the <c>local</c> executor's commands).</summary>
    public int ChildProcessCount() => ProcFs.ChildrenOf(Pid).Count;

    /// <summary>Resets the kernel's peak resident set (VmHWM) of the node, so the next reading is the peak from now on.</summary>
    public bool ResetPeakMemory() => ProcFs.ResetPeak(Pid);

    /// <summary>Peak resident set of the node since start or the last reset, bytes (VmHWM).</summary>
    public long PeakMemoryBytes() => ProcFs.StatusKb(Pid, "VmHWM") * 1024;

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        if (!_process.HasExited)
        {
            // SIGTERM first: a graceful stop, as a service manager would do.
            ProcFs.Signal(Pid, 15);
            if (!_process.WaitForExit(15_000)) _process.Kill();
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
        lock (_log) _log.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Jobs.sln"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} (pid {Pid}, {BaseAddress})");
}
