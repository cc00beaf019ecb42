using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jobs.Core.Persistence;

/// <summary>
/// One log line per database outage, not a stack trace per tick or per request: the first error that the dialect calls
/// "unavailable" (<see cref="DatabaseDialect.IsUnavailable"/>) logs a warning with its reason, later ones while the
/// outage lasts only at Debug, and the first success after it logs how long it lasted. A per-process singleton.
/// </summary>
public sealed partial class DatabaseOutage(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DatabaseOutage> logger)
{
    private readonly Lock _gate = new();
    private DatabaseDialect? _dialect;
    private DateTimeOffset? _since;

    /// <summary>True while an outage is going on (since its first error, until a success).</summary>
    public bool IsOngoing
    {
        get { lock (_gate) return _since is not null; }
    }

    /// <summary>
    /// Takes <paramref name="error"/> if it says the database is unavailable (logged once per outage; returns true: the
    /// caller waits and tries again without logging it), else returns false and the caller handles it as before.
    /// </summary>
    public bool Report(Exception error, string what)
    {
        if (!Dialect().IsUnavailable(error)) return false;
        bool first;
        lock (_gate)
        {
            first = _since is null;
            _since ??= clock.GetUtcNow();
        }
        if (first) LogOutage(logger, what, Reason(error));
        else LogStillDown(logger, what, Reason(error));
        return true;
    }

    /// <summary>The database answered: ends an outage, if there was one, with one line saying how long it lasted.</summary>
    public void Recovered()
    {
        DateTimeOffset since;
        lock (_gate)
        {
            if (_since is not { } s) return;
            since = s;
            _since = null;
        }
        LogRecovered(logger, (clock.GetUtcNow() - since).TotalSeconds);
    }

    private DatabaseDialect Dialect()
    {
        if (_dialect is { } d) return d;
        using var scope = scopes.CreateScope();
        return _dialect = scope.ServiceProvider.GetRequiredService<JobsDbContext>().Dialect();
    }

    /// <summary>The innermost message: "Connection refused", "database is locked" — no type names, no stack.</summary>
    private static string Reason(Exception error)
    {
        var e = error;
        while (e.InnerException is not null) e = e.InnerException;
        return e.Message;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable ({Reason}) during {What}; steps and pages wait and retry until it answers (logged once per outage)")]
    private static partial void LogOutage(ILogger logger, string what, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Database still unavailable during {What}: {Reason}")]
    private static partial void LogStillDown(ILogger logger, string what, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database available again after {Seconds:F0} s")]
    private static partial void LogRecovered(ILogger logger, double seconds);
}
