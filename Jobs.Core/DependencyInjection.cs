using Jobs.Core.Application;
using Jobs.Core.Engine;
using Jobs.Core.Gates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Jobs.Core;

public static class DependencyInjection
{
    /// <summary>Domain services of JOBS. The database provider and the scheduler store are chosen by the host (Jobs.Web).</summary>
    public static IServiceCollection AddJobsCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<Inventory.DemoOptions>().BindConfiguration(Inventory.DemoOptions.Section);
        services.AddOptions<Inventory.ImportOptions>().BindConfiguration(Inventory.ImportOptions.Section)
            .Validate(o => o.MaxBytes > 0 && o.MaxRows > 0, "Jobs:Import:MaxBytes and Jobs:Import:MaxRows must be positive.")
            .ValidateOnStart();
        services.AddScoped<Inventory.ServerQueries>();
        services.AddScoped<Inventory.ServerImporter>();
        services.AddScoped<Inventory.DemoInventorySeeder>();
        services.AddInventorySources();
        services.AddEvents();
        services.AddOptions<SchedulerOptions>().BindConfiguration(SchedulerOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SchedulerOptions>, SchedulerOptionsValidator>();
        services.AddOptions<Security.SecurityOptions>().BindConfiguration(Security.SecurityOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Security.SecurityOptions>, SecurityOptionsValidator>();
        services.AddSingleton(sp => new Security.DangerousCommands(sp.GetRequiredService<IOptions<Security.SecurityOptions>>()));
        services.AddScoped<IJobService, JobService>();
        services.AddScoped<Auditing.AuditTrail>();
        services.AddScoped<Templates.TemplateRenderer>();
        services.AddScoped<Templates.ITemplateRuns, Templates.TemplateRuns>();
        services.AddScoped<Templates.TemplateService>();
        services.AddScoped<Templates.TemplateSchedules>();
        services.AddScoped<Templates.TemplateScheduleFires>();
        services.TryAddSingleton<Templates.ITemplateScheduleTriggers, Templates.NoTemplateScheduleTriggers>();
        services.AddScoped<JobEngine>();
        services.AddSingleton<JobLoop>();
        services.AddSingleton<JobSignals>();
        services.AddSingleton<Persistence.DatabaseOutage>();
        services.AddScoped<HostWrites>();
        services.AddScoped<HostPolling>();
        services.AddScoped<DispatchRecovery>();
        services.AddScoped<HostDispatch>();
        services.AddSingleton<SystemFaultChecks>();
        services.AddScoped<GateEvaluator>();
        return services;
    }

    /// <summary>Inventory sources (issue 15): options checked at start, the sync and its reads. The source clients come from Jobs.Executors.</summary>
    private static IServiceCollection AddInventorySources(this IServiceCollection services)
    {
        services.AddOptions<Inventory.Sources.InventorySourcesOptions>().BindConfiguration(Inventory.Sources.InventorySourcesOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Inventory.Sources.InventorySourcesOptions>, Inventory.Sources.InventorySourcesValidator>();
        services.TryAddSingleton<Inventory.Sources.InventorySourceCatalog>();
        services.TryAddSingleton<Inventory.Sources.SourceSyncLocks>();
        services.AddScoped<Inventory.Sources.InventorySync>();
        services.AddScoped<Inventory.Sources.SourceQueries>();
        services.AddOptions<TargetOptions>().BindConfiguration(TargetOptions.Section);
        return services;
    }

    /// <summary>Events, rules and their token buckets (issue 14).</summary>
    private static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.AddOptions<Events.EventOptions>().BindConfiguration(Events.EventOptions.Section)
            .Validate(o => o.RetentionDays >= 1, $"{Events.EventOptions.Section}:RetentionDays must be at least 1.")
            .Validate(o => o.PurgeChunkSize is >= 1 and <= 100_000, $"{Events.EventOptions.Section}:PurgeChunkSize must be between 1 and 100000.")
            .Validate(o => o.PurgeMaxChunks >= 1, $"{Events.EventOptions.Section}:PurgeMaxChunks must be at least 1.")
            .Validate(o => o.MaxDetailBytes is >= 1024 and <= 1_048_576, $"{Events.EventOptions.Section}:MaxDetailBytes must be between 1024 and 1048576.")
            .ValidateOnStart();
        services.AddScoped<Events.TokenBuckets>();
        services.AddScoped<Events.RuleFiring>();
        services.AddScoped<Events.EventIntake>();
        services.AddScoped<Events.RuleService>();
        services.AddScoped<Events.EventQueries>();
        services.AddScoped<Events.EventHousekeeping>();
        services.AddScoped<Events.ITemplateCatalog, Events.TemplateCatalog>();
        return services;
    }

    private sealed class SecurityOptionsValidator : IValidateOptions<Security.SecurityOptions>
    {
        public ValidateOptionsResult Validate(string? name, Security.SecurityOptions o)
        {
            var errors = o.DangerousPatterns
                .Select((p, i) => Security.DangerousCommands.Problem(p) is { } why ? $"{Security.SecurityOptions.Section}:DangerousPatterns:{i} ({p}) {why}." : null)
                .OfType<string>().ToList();
            return errors.Count > 0 ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
        }
    }

    private sealed class SchedulerOptionsValidator : IValidateOptions<SchedulerOptions>
    {
        public ValidateOptionsResult Validate(string? name, SchedulerOptions o)
        {
            var errors = new List<string>();
            if (o.TickMilliseconds is < 10 or > 60_000) errors.Add($"{SchedulerOptions.Section}:TickMilliseconds must be between 10 and 60000 (is {o.TickMilliseconds}).");
            if (o.SystemRetrySeconds is < 1 or > 3600) errors.Add($"{SchedulerOptions.Section}:SystemRetrySeconds must be between 1 and 3600.");
            if (o.ReconcileSeconds is < 1 or > 59) errors.Add($"{SchedulerOptions.Section}:ReconcileSeconds must be between 1 and 59.");
            if (o.LeaseSeconds is < 3 or > 600) errors.Add($"{SchedulerOptions.Section}:LeaseSeconds must be between 3 and 600.");
            if (o.Workers is < 2 or > 100) errors.Add($"{SchedulerOptions.Section}:Workers must be between 2 and 100.");
            return errors.Count > 0 ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
        }
    }
}
