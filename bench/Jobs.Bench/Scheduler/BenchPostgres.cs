using System.Diagnostics;
using System.Net.Sockets;
using Npgsql;

namespace Jobs.Bench.Scheduler;

/// <summary>
/// The PostgreSQL the bench runs on: <c>JOBS_BENCH_POSTGRES</c> (a server the caller owns), else a throwaway cluster
/// started as test.sh does — initdb into a temporary folder, trust auth, 127.0.0.1 only, fsync off — and removed at the end.
/// Each measurement gets its own fresh database.
/// </summary>
public sealed class BenchPostgres : IAsyncDisposable
{
    private readonly string _server;
    private readonly string? _dataDir;
    private readonly string? _pgBin;
    private int _databases;

    private BenchPostgres(string server, string? dataDir, string? pgBin, string description)
    {
        _server = server;
        _dataDir = dataDir;
        _pgBin = pgBin;
        Description = description;
    }

    public string Description { get; }

    public static async Task<BenchPostgres> StartAsync(Action<string> say)
    {
        if (Environment.GetEnvironmentVariable("JOBS_BENCH_POSTGRES") is { Length: > 0 } given)
            return new BenchPostgres(given, null, null, "given by JOBS_BENCH_POSTGRES");

        var pgBin = FindPgBin();
        if (pgBin is null)
        {
            say("PostgreSQL is missing: installing Debian's postgresql with apt-get");
            await Shell.AptInstallAsync("postgresql");
            pgBin = FindPgBin() ?? throw new InvalidOperationException("postgresql installed but initdb not found");
        }
        var port = int.TryParse(Environment.GetEnvironmentVariable("JOBS_BENCH_PGPORT"), out var p) ? p : 55532;
        while (PortInUse(port)) port++;
        var dir = Directory.CreateTempSubdirectory("jobs-bench-pg.").FullName;
        if (Shell.IsRoot) await Shell.RunAsync("chown", ["postgres:postgres", dir]);
        await AsPostgres($"{pgBin}/initdb -D {dir} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null");
        await AsPostgres($"{pgBin}/pg_ctl -D {dir} -l {dir}/server.log -w start -o \"-c listen_addresses=127.0.0.1 -p {port} -k {dir} " +
                         "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=256MB\" >/dev/null");
        var version = Path.GetFileName(Path.GetDirectoryName(pgBin));
        return new BenchPostgres($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres", dir, pgBin,
            $"throwaway PostgreSQL {version} on 127.0.0.1:{port} (fsync off, as test.sh)");
    }

    /// <summary>Creates an empty database and returns the connection string a node uses for it.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        var name = $"jobs_bench_{Environment.ProcessId}_{++_databases}";
        await using (var conn = new NpgsqlConnection(_server))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(_server) { Database = name, Pooling = true, MaxPoolSize = 40 }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_dataDir is null) return;
        await AsPostgres($"{_pgBin}/pg_ctl -D {_dataDir} -m immediate stop >/dev/null 2>&1");
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }

    private static Task AsPostgres(string command) =>
        Shell.IsRoot ? Shell.RunAsync("su", ["postgres", "-s", "/bin/sh", "-c", command]) : Shell.RunAsync("/bin/sh", ["-c", command]);

    private static string? FindPgBin() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderBy(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).LastOrDefault()
            : null;

    private static bool PortInUse(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

/// <summary>Runs a program and waits; a non-zero exit is an error with the program's output.</summary>
internal static class Shell
{
    public static bool IsRoot => Environment.UserName == "root";

    public static async Task<string> RunAsync(string file, IEnumerable<string> args, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(file, args)
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', psi.ArgumentList)} exited {process.ExitCode}: {await stderr}{await stdout}");
        return await stdout;
    }

    /// <summary>apt-get install, as test.sh does it (sudo when not root).</summary>
    public static async Task AptInstallAsync(params string[] packages)
    {
        Environment.SetEnvironmentVariable("DEBIAN_FRONTEND", "noninteractive");
        var apt = IsRoot ? "apt-get" : "sudo";
        var prefix = IsRoot ? Array.Empty<string>() : ["apt-get"];
        await RunAsync(apt, [.. prefix, "update", "-qq"]);
        await RunAsync(apt, [.. prefix, "install", "-y", "-qq", "--no-install-recommends", .. packages]);
    }
}
