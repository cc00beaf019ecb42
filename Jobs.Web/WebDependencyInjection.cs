using Jobs.Core.Inventory;
using Jobs.Web.Api;
using Jobs.Web.Export;
using Jobs.Web.Infrastructure;
using Jobs.Web.Security;
using Jobs.Web.Services;
using Microsoft.AspNetCore.Mvc;

namespace Jobs.Web;

public static class WebDependencyInjection
{
    public static IServiceCollection AddJobsWeb(this IServiceCollection services, IConfiguration config)
    {
        services.AddControllersWithViews(o =>
            {
                o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                o.Filters.Add(new FilterNotSupportedFilter());
            })
            .AddJsonOptions(o =>
            {
                JsonDefaults.Apply(o.JsonSerializerOptions);
                // Raw JsonExceptions reach ApiValidationProblems, which words them for people (issue 9).
                o.AllowInputFormatterExceptionMessages = false;
            })
            .ConfigureApiBehaviorOptions(o => o.InvalidModelStateResponseFactory = ApiValidationProblems.Create);
        services.AddProblemDetails();
        services.AddJobsOpenApi();
        services.Configure<RouteOptions>(ControlRouteConstraint.Register);
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentActor>();
        services.AddMemoryCache();
        services.AddScoped<NavigationCounts>();
        // Reads behind the pages and the API, and the export: Web's own services, registered here (the composition
        // root) so that no namespace of Web registers another one's types.
        services.AddScoped<JobQueries>();
        services.AddScoped<FailureQueries>();
        services.AddScoped<ServerHistoryQueries>();
        services.AddScoped<AuditQueries>();
        services.AddScoped<JobWizardService>();
        services.AddScoped<TemplateQueries>();
        services.AddScoped<TemplateForms>();
        services.AddScoped<JobExport>();
        services.AddScoped<AuditExport>();
        services.AddScoped<JobsApiQueries>();
        services.AddScoped<TemplateApiQueries>();
        return services;
    }

    public static async Task UseJobsWebAsync(this WebApplication app)
    {
        // Behind a TLS-terminating proxy on this machine: its scheme and the client's address (audit rows name the client).
        app.UseForwardedHeaders(new ForwardedHeadersOptions
        {
            ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto,
        });
        // Outermost, so each request is one line with its own path and final status, even when an error page re-executes it.
        app.UseJobsRequestLogging();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
        }
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        // Inside the error pages (its 503 carries its own body) and outside authentication, which reads the database.
        app.UseMiddleware<DatabaseUnavailableMiddleware>();
        app.UseJobsSecurityHeaders();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseJobsSecurity();
        app.UseAntiforgery();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapControllers();
        app.MapJobsApiReference();
        app.MapJobsSchedulerDashboard();

        string? generatedPassword;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            generatedPassword = await scope.ServiceProvider.GetRequiredService<BootstrapUsers>().RunAsync(app.Lifetime.ApplicationStopping);
        }
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var db = app.Services.GetRequiredService<DatabaseInfo>();
            var urls = string.Join(", ", app.Urls);
            app.Logger.LogInformation("JOBS is listening on {Urls} — database {Provider} at {Database}, data folder {DataPath}",
                urls, db.Provider, db.Display, DatabaseSetup.ResolveDataPath(app.Configuration, app.Environment));
            if (generatedPassword is not null)
            {
                // Printed on the start that created the first admin, never again (the password is not stored in clear).
                app.Logger.LogWarning("First start: sign in at {Url}/login as {User} with the password {Password} — it is shown only this once; change it under Your account",
                    app.Urls.FirstOrDefault() ?? "", BootstrapUsers.AdminUserName, generatedPassword);
            }
        });
        // First start of an empty database: demo servers when Jobs:Demo:SeedServers > 0 (after migrations).
        await app.Services.SeedDemoInventoryAsync(app.Lifetime.ApplicationStopping);
    }
}
