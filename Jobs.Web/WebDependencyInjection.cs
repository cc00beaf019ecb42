using Jobs.Core.Inventory;
using Jobs.Web.Infrastructure;
using Jobs.Web.Services;
using Microsoft.AspNetCore.Mvc;

namespace Jobs.Web;

public static class WebDependencyInjection
{
    public static IServiceCollection AddJobsWeb(this IServiceCollection services, IConfiguration config)
    {
        services.AddControllersWithViews(o => o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()))
            .AddJsonOptions(o =>
            {
                JsonDefaults.Apply(o.JsonSerializerOptions);
                // Raw JsonExceptions reach ApiValidationProblems, which words them for people (issue 9).
                o.AllowInputFormatterExceptionMessages = false;
            })
            .ConfigureApiBehaviorOptions(o => o.InvalidModelStateResponseFactory = ApiValidationProblems.Create);
        services.AddProblemDetails();
        services.AddJobsOpenApi();
        services.AddHttpLogging(o =>
        {
            o.LoggingFields = Microsoft.AspNetCore.HttpLogging.HttpLoggingFields.RequestMethod
                | Microsoft.AspNetCore.HttpLogging.HttpLoggingFields.RequestPath
                | Microsoft.AspNetCore.HttpLogging.HttpLoggingFields.ResponseStatusCode
                | Microsoft.AspNetCore.HttpLogging.HttpLoggingFields.Duration;
            o.CombineLogs = true;
        });
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentActor>();
        services.AddScoped<Jobs.Web.Services.NavigationCounts>();
        services.AddJobsUi();
        return services;
    }

    public static async Task UseJobsWebAsync(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
        }
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseHttpLogging();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAntiforgery();
        app.MapHealthChecks("/healthz");
        app.MapControllers();
        app.MapJobsApiReference();
        app.MapDefaultControllerRoute();

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var db = app.Services.GetRequiredService<DatabaseInfo>();
            var urls = string.Join(", ", app.Urls);
            app.Logger.LogInformation("JOBS is listening on {Urls} — database {Provider} at {Database}, data folder {DataPath}",
                urls, db.Provider, db.Display, DatabaseSetup.ResolveDataPath(app.Configuration, app.Environment));
        });
        // First start of an empty database: demo servers when Jobs:Demo:SeedServers > 0 (after migrations).
        await app.Services.SeedDemoInventoryAsync(app.Lifetime.ApplicationStopping);
    }
}
