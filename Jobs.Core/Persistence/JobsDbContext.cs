using Jobs.Core.Domain;
using Jobs.Core.Filtering;
using Jobs.Core.Security;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Jobs.Core.Persistence;

/// <summary>
/// The one database context. Used directly (no repositories); mapping lives in one
/// <c>IEntityTypeConfiguration</c> per aggregate under <c>Configurations/</c>. It also holds the sign-in tables
/// (ASP.NET Core Identity's user store) and the data-protection key ring, so every node of a cluster shares users,
/// API keys and the keys that protect sign-in cookies (see docs/decisions/0007-sign-in-in-the-jobs-database.md).
/// </summary>
public sealed class JobsDbContext(DbContextOptions<JobsDbContext> options)
    : IdentityDbContext<JobsUser>(options), IDataProtectionKeyContext
{
    public DbSet<Server> Servers => Set<Server>();
    public DbSet<ServerTag> ServerTags => Set<ServerTag>();
    public DbSet<Job> Jobs => Set<Job>();
    public DbSet<Batch> Batches => Set<Batch>();
    public DbSet<HostTask> HostTasks => Set<HostTask>();
    public DbSet<HostAttempt> HostAttempts => Set<HostAttempt>();
    public DbSet<JobExclusion> JobExclusions => Set<JobExclusion>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<InventorySyncRun> InventorySyncRuns => Set<InventorySyncRun>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<InboundEvent> Events => Set<InboundEvent>();
    public DbSet<EventRuleResult> EventRuleResults => Set<EventRuleResult>();
    public DbSet<EventRule> EventRules => Set<EventRule>();
    public DbSet<RuleBucket> RuleBuckets => Set<RuleBucket>();
    public DbSet<JobTemplate> JobTemplates => Set<JobTemplate>();
    public DbSet<JobTemplateVersion> JobTemplateVersions => Set<JobTemplateVersion>();
    public DbSet<TemplateSchedule> TemplateSchedules => Set<TemplateSchedule>();
    public DbSet<TemplateScheduleFire> TemplateScheduleFires => Set<TemplateScheduleFire>();
    public DbSet<RunnerLease> RunnerLeases => Set<RunnerLease>();
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys => Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder); // Identity's tables
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(JobsDbContext).Assembly);
        // SQL spellings of the host filter's text comparison differ per provider (see Filtering/FilterText).
        modelBuilder.AddHostFilterFunctions(this.Dialect().Filter);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; SQLite hands DateTime back as Unspecified, so pin the kind on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();

        // State enums are stored as strings (readable in SQL, stable when values are added).
        configurationBuilder.Properties<ServerStatus>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<JobStatus>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<BatchStatus>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<HostStatus>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<ErrorCategory>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<JobStopKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<GateFailureAction>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<FireOutcome>().HaveConversion<string>().HaveMaxLength(32);
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
