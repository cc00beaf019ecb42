using Serilog;
using Serilog.Events;
using Serilog.Extensions.Hosting;
using Serilog.Extensions.Logging;

namespace Jobs.Web.Infrastructure;

/// <summary>
/// Serilog for JOBS, in two stages: a console logger from the first line of <c>Program</c>, so a failure before the
/// configuration is read is still reported, then the configured logger (<c>Serilog</c> section: levels, console, daily
/// file) for the host. Requests are logged by Serilog's middleware as one line each.
/// </summary>
public static class JobsLogging
{
    private static int _bootstrapped;

    /// <summary>
    /// Stage one: a console logger as <see cref="Log.Logger"/> until the host's configured logger exists, and a last word
    /// when start-up (or anything later) dies with an unhandled exception — bad settings, a failed migration — which
    /// would otherwise end the process with a bare stack trace.
    /// </summary>
    public static void StartBootstrapLogger()
    {
        if (Interlocked.Exchange(ref _bootstrapped, 1) == 1) return; // once per process (test hosts run Program many times)
        Log.Logger = new LoggerConfiguration().MinimumLevel.Information().WriteTo.Console().CreateBootstrapLogger();
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            Log.Fatal(e.ExceptionObject as Exception, "JOBS stopped: {Reason}", (e.ExceptionObject as Exception)?.Message);
            Log.CloseAndFlush();
        };
    }

    /// <summary>Stage two: the logger from configuration, one provider among the host's logging providers.</summary>
    /// <remarks>
    /// The logger is built when first resolved, so it reads every configuration source (tests add theirs when the host is
    /// built). It joins Microsoft.Extensions.Logging as a provider — like the <c>builder.Logging.AddSerilog</c> set-up it
    /// replaces — instead of replacing the logger factory (<c>Services.AddSerilog</c>): providers a host or a test adds
    /// keep receiving events in their own formatting, and the static <see cref="Log.Logger"/> stays the bootstrap logger,
    /// so several hosts in one process (the test factories) do not race to freeze it. Only <c>Serilog:MinimumLevel</c>
    /// filters (the provider's own rule is Trace), as before.
    /// </remarks>
    public static WebApplicationBuilder AddJobsLogging(this WebApplicationBuilder builder)
    {
        // The framework's console, debug and event-source providers would repeat what Serilog's sinks write.
        builder.Logging.ClearProviders();
        builder.Logging.AddFilter<SerilogLoggerProvider>(null, LogLevel.Trace);
        builder.Services.AddSingleton<Serilog.ILogger>(sp =>
            new LoggerConfiguration().ReadFrom.Configuration(sp.GetRequiredService<IConfiguration>()).CreateLogger());
        builder.Services.AddSingleton<ILoggerProvider>(sp => new SerilogLoggerProvider(sp.GetRequiredService<Serilog.ILogger>()));
        // What UseSerilogRequestLogging needs (Services.AddSerilog would register it).
        builder.Services.AddSingleton(sp => new DiagnosticContext(sp.GetRequiredService<Serilog.ILogger>()));
        builder.Services.AddSingleton<IDiagnosticContext>(sp => sp.GetRequiredService<DiagnosticContext>());
        return builder;
    }

    /// <summary>
    /// One line per request — method, path, status, elapsed — at Information; the dashboard's live polling and health
    /// checks at Debug, so they do not bury warnings (issue 9); a 5xx or an exception at Error.
    /// </summary>
    public static IApplicationBuilder UseJobsRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(o =>
        {
            // The host's configured logger; by default the middleware would write to the static (bootstrap) logger.
            o.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            o.GetLevel = Level;
        });

    internal static LogEventLevel Level(HttpContext context, double elapsedMs, Exception? exception) =>
        // A 503 is the database outage answered on purpose (DatabaseUnavailableMiddleware, /healthz), logged once as such.
        context.Response.StatusCode == StatusCodes.Status503ServiceUnavailable && exception is null
            ? IsPolling(context.Request.Path) ? LogEventLevel.Debug : LogEventLevel.Warning
        : exception is not null || context.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error
        : IsPolling(context.Request.Path) ? LogEventLevel.Debug
        : LogEventLevel.Information;

    /// <summary><c>GET /jobs/{id}/live</c> (every few seconds per open dashboard) and <c>/healthz</c> (load balancers, IIS warm-up).</summary>
    internal static bool IsPolling(PathString path) =>
        path.StartsWithSegments("/healthz") ||
        (path.StartsWithSegments("/jobs") && path.Value!.EndsWith("/live", StringComparison.OrdinalIgnoreCase));
}
