using Serilog;
using Serilog.Events;

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

    /// <summary>Stage two: the logger from configuration, as the host's only logging provider.</summary>
    /// <remarks>
    /// <c>preserveStaticLogger</c>: the static <see cref="Log.Logger"/> stays the bootstrap logger instead of being frozen
    /// into this one. Several hosts in one process (the test factories) would otherwise race to freeze the same static logger.
    /// </remarks>
    public static WebApplicationBuilder AddJobsLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((_, logger) => logger.ReadFrom.Configuration(builder.Configuration), preserveStaticLogger: true);
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
        exception is not null || context.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error
        : IsPolling(context.Request.Path) ? LogEventLevel.Debug
        : LogEventLevel.Information;

    /// <summary><c>GET /jobs/{id}/live</c> (every few seconds per open dashboard) and <c>/healthz</c> (load balancers, IIS warm-up).</summary>
    internal static bool IsPolling(PathString path) =>
        path.StartsWithSegments("/healthz") ||
        (path.StartsWithSegments("/jobs") && path.Value!.EndsWith("/live", StringComparison.OrdinalIgnoreCase));
}
