using Jobs.Web.Export;

namespace Jobs.Web.Services;

public static class JobsUiServices
{
    /// <summary>Read services and the export behind the job, home and audit pages.</summary>
    public static IServiceCollection AddJobsUi(this IServiceCollection services)
    {
        services.AddScoped<JobQueries>();
        services.AddScoped<FailureQueries>();
        services.AddScoped<ServerHistoryQueries>();
        services.AddScoped<AuditQueries>();
        services.AddScoped<JobExport>();
        services.AddScoped<AuditExport>();
        services.AddScoped<JobWizardService>();
        return services;
    }
}
