using Jobs.Core.Metrics;
using Jobs.Web.Security;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Jobs.Web.Infrastructure;

/// <summary>Options under <c>Jobs:Telemetry</c>.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Jobs:Telemetry";

    /// <summary>An OTLP endpoint (<c>http://otel-collector:4317</c>) for traces; unset = no traces are exported.</summary>
    public string? OtlpEndpoint { get; set; }
    // Who may read /metrics: MetricsAccess (Security), from the same section.
}

/// <summary>
/// OpenTelemetry: JOBS' own meter (<see cref="JobsMetrics"/>: hosts, executor calls, gates, scheduler lag, jobs by status)
/// and ASP.NET Core's request metrics, served for Prometheus at <c>/metrics</c> (policy <see cref="Policies.Metrics"/>);
/// traces of requests go to an OTLP collector only when <see cref="TelemetryOptions.OtlpEndpoint"/> is set.
/// </summary>
public static class TelemetrySetup
{
    public static IServiceCollection AddJobsTelemetry(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section)
            .Validate(o => string.IsNullOrWhiteSpace(o.OtlpEndpoint) || Uri.TryCreate(o.OtlpEndpoint, UriKind.Absolute, out _),
                "Jobs:Telemetry:OtlpEndpoint must be an absolute address such as http://otel-collector:4317.")
            .ValidateOnStart();
        services.AddSingleton<JobStatusGauge>();
        var otlp = config[$"{TelemetryOptions.Section}:OtlpEndpoint"];
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("jobs"))
            .WithMetrics(m => m
                .AddMeter(JobsMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0)); // fresh numbers per scrape (the DB gauge has its own cache)
        if (!string.IsNullOrWhiteSpace(otlp) && Uri.TryCreate(otlp, UriKind.Absolute, out var endpoint))
        {
            telemetry.WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments(MetricsAccess.Path))
                .AddOtlpExporter(o => o.Endpoint = endpoint));
        }
        return services;
    }

    public static void MapJobsMetrics(this WebApplication app)
    {
        // The gauge registers itself on the meter when first made.
        app.Services.GetRequiredService<JobStatusGauge>();
        app.MapPrometheusScrapingEndpoint(MetricsAccess.Path).RequireAuthorization(Policies.Metrics);
    }
}
