using Jobs.Core.Inventory;
using Jobs.Web.Infrastructure;
using Jobs.Web.Security;
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
        app.UseJobsSecurityHeaders();
        app.UseHttpLogging();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseJobsSecurity();
        app.UseAntiforgery();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapControllers();
        app.MapJobsApiReference();

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
