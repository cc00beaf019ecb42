using Jobs.Core;
using Jobs.Executors;
using Jobs.Web;
using Jobs.Web.Infrastructure;
using Jobs.Web.Security;

JobsLogging.StartBootstrapLogger();
var builder = WebApplication.CreateBuilder(args);

var dataPath = DatabaseSetup.ResolveDataPath(builder.Configuration, builder.Environment);
if (DataFolder.Problem(dataPath) is { } dataProblem)
{
    await Console.Error.WriteLineAsync(dataProblem);
    return 1;
}
// Relative log paths in appsettings resolve against the data folder.
Environment.SetEnvironmentVariable("JOBS_DATA", dataPath);

builder.AddJobsLogging();

builder.Services
    .AddJobsCore()
    .AddJobsDatabase(builder.Configuration, builder.Environment)
    .AddJobsExecutors(builder.Configuration, localEnabledByDefault: builder.Environment.IsDevelopment())
    .AddJobsNotificationSending()
    .AddJobsScheduler(builder.Configuration, builder.Environment)
    .AddJobsWeb(builder.Configuration)
    .AddJobsSecurity(builder.Configuration, builder.Environment);

var app = builder.Build();

await app.Services.MigrateJobsDatabaseAsync();
await app.UseJobsWebAsync();

app.Run();
return 0;

/// <summary>Entry point; public for WebApplicationFactory in tests.</summary>
public partial class Program;
