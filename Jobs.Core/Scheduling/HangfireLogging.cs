using Hangfire.Logging;
using Microsoft.Extensions.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Jobs.Core.Scheduling;

/// <summary>
/// Hangfire logs through one process-wide provider, which its service registration points at the latest host's logger
/// factory. Outside production a process may hold several hosts one after another (tests): this provider forwards to
/// the host that set it last and drops, rather than throws, what arrives after that host is gone.
/// </summary>
internal sealed class HangfireLogging(ILoggerFactory factory) : ILogProvider
{
    public ILog GetLogger(string name)
    {
        try
        {
            return new ForwardingLog(factory.CreateLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return new ForwardingLog(null);
        }
    }

    private sealed class ForwardingLog(ILogger? logger) : ILog
    {
        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (logger is null) return false;
            var level = Map(logLevel);
            try
            {
                if (messageFunc is null) return logger.IsEnabled(level);
                if (!logger.IsEnabled(level)) return false;
#pragma warning disable CA2254 // Hangfire hands over finished text, not a template
                logger.Log(level, exception, messageFunc().Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));
#pragma warning restore CA2254
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }

    private static LogLevel Map(HangfireLevel level) => level switch
    {
        HangfireLevel.Trace => LogLevel.Trace,
        HangfireLevel.Debug => LogLevel.Debug,
        HangfireLevel.Info => LogLevel.Information,
        HangfireLevel.Warn => LogLevel.Warning,
        HangfireLevel.Error => LogLevel.Error,
        _ => LogLevel.Critical,
    };
}
