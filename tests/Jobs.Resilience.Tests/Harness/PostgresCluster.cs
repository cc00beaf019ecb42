using System.Diagnostics;
using Npgsql;

namespace Jobs.Resilience.Tests.Harness;

/// <summary>
/// A throwaway PostgreSQL cluster of the test's own (initdb in a temp folder, trust auth, 127.0.0.1 on a free port),
/// so the test can stop and start the server under a running JOBS. Run as root, the server runs as <c>postgres</c>.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _data;

    private PostgresCluster(string bin, string data, int port)
    {
        _bin = bin;
        _data = data;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=40";

    public static async Task<PostgresCluster> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderBy(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).LastOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL is not installed (/usr/lib/postgresql/*/bin/pg_ctl); ./test.sh installs it.");
        var data = Path.Combine(Path.GetTempPath(), "jobs-pg-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(data);
        if (IsRoot) await RunAsync("chown", "postgres:postgres", data);
        var cluster = new PostgresCluster(bin, data, Loopback.FreePort());
        await cluster.PgAsync($"{bin}/initdb -D {data} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8");
        await cluster.StartServerAsync();
        await using var conn = new NpgsqlConnection(cluster.ConnectionString("postgres"));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("CREATE DATABASE jobs", conn);
        await cmd.ExecuteNonQueryAsync();
        return cluster;
    }

    public Task StartServerAsync() =>
        PgAsync($"{_bin}/pg_ctl -D {_data} -l {_data}/server.log -w start -o \"-c listen_addresses=127.0.0.1 -p {Port} -k {_data} -c fsync=off -c max_connections=200\"");

    /// <summary><c>pg_ctl stop -m fast</c>: open connections are cut, new ones refused until <see cref="StartServerAsync"/>.</summary>
    public Task StopServerAsync() => PgAsync($"{_bin}/pg_ctl -D {_data} -m fast -w stop");

    private static bool IsRoot => Environment.UserName == "root";

    private Task PgAsync(string command) => IsRoot ? RunAsync("su", "postgres", "-s", "/bin/sh", "-c", command) : RunAsync("sh", "-c", command);

    private static async Task RunAsync(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}: {await stdout}{await stderr}");
    }


    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try { await PgAsync($"{_bin}/pg_ctl -D {_data} -m immediate -w stop"); } catch (InvalidOperationException) { }
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
