using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Jobs.Core.Domain;
using Jobs.Core.Execution;
using Microsoft.Extensions.Logging;

namespace Jobs.Executors.Local;

/// <summary>
/// Runs a command on the JOBS machine once per host: <c>{"command": "ping -c1 {{host.ip}}", "shell": false}</c>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Without <c>shell</c> the command is split into arguments by <see cref="CommandLine"/> and started directly,
/// so host values can never become shell syntax. <c>"command"</c> may also be an array of arguments. With
/// <c>"shell": true</c> it runs under <c>/bin/sh -c</c> (or <c>cmd /c</c>) — the operator asked for a shell.</item>
/// <item>A run that exceeds the host timeout is killed with its whole process tree and reported TimedOut.</item>
/// <item>stdout and stderr are read as they come and capped (<see cref="OutputText"/>); a non-zero exit is Failed,
/// category Environment; a program that cannot be started is Failed, category System.</item>
/// <item>Processes belong to this JOBS process. The external reference names the process instance
/// (<c>local:{instance}:{n}</c>); after a restart a reference of an earlier instance is unknowable, and poll reports it
/// Failed, category System, "outcome unknown" — never started again.</item>
/// </list>
/// </remarks>
public sealed partial class LocalExecutor(TimeProvider clock, ILogger<LocalExecutor> logger) : IExecutor, IPollTiming, IDisposable
{
    public const string ExecutorName = "local";
    private static readonly TimeSpan KeepFinished = TimeSpan.FromMinutes(30);

    private readonly string _instance = Guid.NewGuid().ToString("N")[..12];
    private readonly ConcurrentDictionary<string, LocalRun> _runs = new(StringComparer.Ordinal);
    private long _sequence;
    private TaskCompletionSource _exited = NewSignal();

    public string Name => ExecutorName;

    public ExecutorDescriptor Descriptor { get; } = new(
        ExecutorName, "local",
        "Runs a command on the JOBS server itself, once per host (e.g. ping, curl, ssh).",
        "command (string or array of arguments; placeholders like {{host.ip}} allowed); shell (default false: no shell, " +
        "arguments are split safely). Example: {\"command\": \"ping -c1 {{host.ip}}\"}",
        // The prefill only prints: a new user who keeps it runs nothing against the hosts by accident.
        "{\"command\": \"echo checking {{host.hostname}} ({{host.ip}})\", \"shell\": false}",
        Endpoint: Environment.MachineName,
        RunsOnJobsMachine: true);

    public IReadOnlyList<string> ValidateParameters(JsonObject parameters)
    {
        var errors = new List<string>();
        switch (parameters["command"])
        {
            case JsonValue v when v.TryGetValue<string>(out var s):
                if (string.IsNullOrWhiteSpace(s)) errors.Add("command is empty.");
                else
                {
                    try { if (CommandLine.Split(s).Count == 0) errors.Add("command is empty."); }
                    catch (FormatException ex) { errors.Add("command: " + ex.Message); }
                }
                break;
            case JsonArray a:
                if (a.Count == 0 || a.Any(x => x is not JsonValue xv || !xv.TryGetValue<string>(out _)))
                    errors.Add("command as an array must hold at least one string and only strings.");
                break;
            case null:
                errors.Add("command is required, e.g. \"ping -c1 {{host.ip}}\".");
                break;
            default:
                errors.Add("command must be a string or an array of strings.");
                break;
        }
        if (parameters["shell"] is { } shell && (shell is not JsonValue sv || !sv.TryGetValue<bool>(out _)))
            errors.Add("shell must be true or false.");
        errors.AddRange(parameters.Select(p => p.Key).Where(k => k is not ("command" or "shell"))
            .Select(k => $"Unknown parameter '{k}'; the local executor takes command and shell."));
        return errors;
    }

    public Task<IReadOnlyList<DispatchOutcome>> StartAsync(IReadOnlyList<HostWork> work, CancellationToken cancellationToken)
    {
        var outcomes = new List<DispatchOutcome>(work.Count);
        foreach (var w in work)
        {
            var startInfo = BuildStartInfo(w.Parameters, out var error);
            if (startInfo is null)
            {
                outcomes.Add(DispatchOutcome.NotStarted(w.HostTaskId, new HostResult(w.HostTaskId, HostStatus.Failed, null, null,
                    error, ErrorCategory.System, clock.GetUtcNow().UtcDateTime)));
                continue;
            }
            var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
            try
            {
                process.Start();
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                process.Dispose();
                outcomes.Add(DispatchOutcome.NotStarted(w.HostTaskId, new HostResult(w.HostTaskId, HostStatus.Failed, null, null,
                    $"cannot start '{startInfo.FileName}': {ex.Message}", ErrorCategory.System, clock.GetUtcNow().UtcDateTime)));
                continue;
            }
            var pid = process.Id; // read now: a fast process may be gone (and disposed) before we log
            var reference = $"local:{_instance}:{Interlocked.Increment(ref _sequence)}";
            var run = new LocalRun(process, w.Timeout, clock);
            _runs[reference] = run;
            run.Completion.ContinueWith(static (_, self) => ((LocalExecutor)self!).SignalExit(), this,
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            LogStarted(logger, w.Hostname, startInfo.FileName, pid);
            outcomes.Add(DispatchOutcome.Started(w.HostTaskId, reference));
        }
        return Task.FromResult<IReadOnlyList<DispatchOutcome>>(outcomes);
    }

    public Task<IReadOnlyList<HostResult>> PollAsync(IReadOnlyList<InFlightHost> hosts, CancellationToken cancellationToken)
    {
        Sweep();
        var results = new List<HostResult>(hosts.Count);
        foreach (var h in hosts)
        {
            if (!_runs.TryGetValue(h.ExternalRef, out var run))
            {
                results.Add(new HostResult(h.HostTaskId, HostStatus.Failed, null, null,
                    "outcome unknown: JOBS restarted while the local command ran, so its exit code was lost (it was not run again)",
                    ErrorCategory.System, clock.GetUtcNow().UtcDateTime));
                continue;
            }
            results.Add(run.Completion.IsCompleted ? run.Completion.Result with { HostTaskId = h.HostTaskId } : HostResult.StillRunning(h.HostTaskId));
        }
        return Task.FromResult<IReadOnlyList<HostResult>>(results);
    }

    /// <summary>Completes when the next process started here exits (then a new signal takes its place), so a job's loop
    /// polls the moment a command ends instead of on a beat.</summary>
    public Task? NextChange => Volatile.Read(ref _exited).Task;

    /// <summary>No due time: a process ends when it ends (<see cref="NextChange"/> says when).</summary>
    public DateTimeOffset? NextDueAt(IReadOnlyList<InFlightHost> running) => null;

    private void SignalExit() => Interlocked.Exchange(ref _exited, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task CancelAsync(IReadOnlyList<InFlightHost> hosts, CancellationToken cancellationToken)
    {
        foreach (var h in hosts)
        {
            if (_runs.TryGetValue(h.ExternalRef, out var run)) run.Cancel();
        }
        return Task.CompletedTask;
    }

    public Task<ConnectionTestResult> TestConnectionAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ConnectionTestResult(true, $"Runs commands on {Environment.MachineName}.", TimeSpan.Zero));

    public void Dispose()
    {
        foreach (var run in _runs.Values) run.Cancel();
    }

    private void Sweep()
    {
        var now = clock.GetUtcNow();
        foreach (var (key, run) in _runs)
        {
            if (run.FinishedAt is { } f && now - f > KeepFinished) _runs.TryRemove(key, out _);
        }
    }

    private static ProcessStartInfo? BuildStartInfo(JsonObject parameters, out string error)
    {
        error = "";
        var shell = parameters["shell"] is JsonValue sv && sv.TryGetValue<bool>(out var b) && b;
        List<string> args;
        try
        {
            args = parameters["command"] switch
            {
                JsonArray a => a.Select(x => x!.GetValue<string>()).ToList(),
                JsonValue v when v.TryGetValue<string>(out var s) => shell ? [s] : CommandLine.Split(s).ToList(),
                _ => [],
            };
        }
        catch (FormatException ex)
        {
            error = "command: " + ex.Message;
            return null;
        }
        if (args.Count == 0)
        {
            error = "command is empty";
            return null;
        }
        ProcessStartInfo psi;
        if (shell)
        {
            var line = string.Join(' ', args);
            psi = OperatingSystem.IsWindows() ? new ProcessStartInfo("cmd.exe") { ArgumentList = { "/c", line } }
                : new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", line } };
        }
        else
        {
            psi = new ProcessStartInfo(args[0]);
            foreach (var a in args.Skip(1)) psi.ArgumentList.Add(a);
        }
        psi.UseShellExecute = false;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.RedirectStandardInput = true; // closed at once: a command that reads stdin gets EOF instead of hanging
        psi.StandardOutputEncoding = Encoding.UTF8;
        psi.StandardErrorEncoding = Encoding.UTF8;
        return psi;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Local command for {Host} started: {Program} (pid {Pid})")]
    private static partial void LogStarted(ILogger logger, string host, string program, int pid);

    /// <summary>One running process: drains its output into capped buffers and enforces the timeout.</summary>
    private sealed class LocalRun
    {
        private readonly Process _process;
        private readonly CancellationTokenSource _cancel = new();
        private readonly TimeProvider _clock;

        public LocalRun(Process process, TimeSpan timeout, TimeProvider clock)
        {
            _process = process;
            _clock = clock;
            process.StandardInput.Close();
            Completion = RunAsync(timeout);
        }

        public Task<HostResult> Completion { get; }
        public DateTimeOffset? FinishedAt { get; private set; }

        public void Cancel()
        {
            try { _cancel.Cancel(); } catch (ObjectDisposedException) { }
        }

        private async Task<HostResult> RunAsync(TimeSpan timeout)
        {
            var stdout = new CappedBuffer();
            var stderr = new CappedBuffer();
            var readOut = Drain(_process.StandardOutput, stdout);
            var readErr = Drain(_process.StandardError, stderr);
            HostStatus? forced = null;
            using var timer = new CancellationTokenSource(timeout > TimeSpan.Zero ? timeout : Timeout.InfiniteTimeSpan);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, _cancel.Token);
            try
            {
                await _process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                forced = _cancel.IsCancellationRequested ? HostStatus.Canceled : HostStatus.TimedOut;
                try { _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } catch (System.ComponentModel.Win32Exception) { }
                await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
            // Grandchildren may hold the pipes open after a kill; don't wait for them forever.
            await Task.WhenAny(Task.WhenAll(readOut, readErr), Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
            var exitCode = _process.ExitCode;
            _process.Dispose();
            FinishedAt = _clock.GetUtcNow();
            var now = FinishedAt.Value.UtcDateTime;
            return forced switch
            {
                HostStatus.TimedOut => new HostResult(0, HostStatus.TimedOut, null, stdout.Text,
                    Append(stderr.Text, $"timed out after {timeout.TotalSeconds:0.#} s: process tree killed"), ErrorCategory.Environment, now),
                HostStatus.Canceled => new HostResult(0, HostStatus.Canceled, null, stdout.Text,
                    Append(stderr.Text, "canceled: process tree killed"), ErrorCategory.Environment, now),
                _ when exitCode == 0 => new HostResult(0, HostStatus.Succeeded, 0, stdout.Text, stderr.Text, null, now),
                _ => new HostResult(0, HostStatus.Failed, exitCode, stdout.Text, stderr.Text, ErrorCategory.Environment, now),
            };
        }

        private static string Append(string text, string line) => text.Length == 0 ? line : text.TrimEnd('\n') + "\n" + line;

        private static async Task Drain(StreamReader reader, CappedBuffer into)
        {
            var buffer = new char[4096];
            int read;
            try
            {
                while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0) into.Append(buffer.AsSpan(0, read));
            }
            catch (ObjectDisposedException) { }
            catch (IOException) { }
        }
    }

    /// <summary>Keeps the first 64 KiB of a stream (and keeps reading so the child never blocks on a full pipe).</summary>
    private sealed class CappedBuffer
    {
        private readonly StringBuilder _text = new();
        private readonly object _gate = new();
        private bool _truncated;

        public void Append(ReadOnlySpan<char> chars)
        {
            lock (_gate)
            {
                if (_truncated) return;
                _text.Append(chars);
                // Chars ≤ bytes in UTF-8, so once chars pass the byte cap the text surely exceeds it.
                if (_text.Length > OutputText.DefaultCapBytes) _truncated = true;
            }
        }

        public string Text
        {
            get { lock (_gate) return OutputText.Cap(_text.ToString()) ?? ""; }
        }
    }
}
