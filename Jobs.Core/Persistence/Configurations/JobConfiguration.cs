using System.Text.Json;
using Jobs.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jobs.Core.Persistence.Configurations;

internal sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    private static readonly JsonSerializerOptions GateJson = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<Job> b)
    {
        b.ToTable("Jobs");
        b.HasKey(j => j.Id);
        b.Property(j => j.Name).HasMaxLength(200).IsRequired();
        b.Property(j => j.Description).HasMaxLength(2000);
        b.Property(j => j.Filter).HasMaxLength(4000).IsRequired();
        b.Property(j => j.Executor).HasMaxLength(64).IsRequired();
        b.Property(j => j.ParametersJson).IsRequired();
        b.Property(j => j.BatchPlan).HasMaxLength(200).IsRequired();
        b.Property(j => j.MaxPerAppPercent).HasPrecision(5, 2);
        b.Property(j => j.StopReason).HasMaxLength(1000);
        b.Property(j => j.CreatedBy).HasMaxLength(128);
        b.Property(j => j.CreatedByUser).HasMaxLength(128);
        b.Property(j => j.DangerousCommand).HasMaxLength(500);
        b.Property(j => j.SecondApprover).HasMaxLength(128);
        b.Ignore(j => j.AwaitsSecondApproval);
        b.Property(j => j.IdempotencyKey).HasMaxLength(Job.IdempotencyKeyMaxLength);
        b.Property(j => j.RequestFingerprint).HasMaxLength(64);
        // Unique across every node and restart: a second create with the key loses at the database, not in memory.
        b.HasIndex(j => j.IdempotencyKey).IsUnique();
        b.Ignore(j => j.AwaitsStartApproval);
        b.Ignore(j => j.HeldBeforeStart);
        b.Property(j => j.Source).HasMaxLength(JobOrigin.MaxSourceLength);
        b.Property(j => j.StartApprovalReason).HasMaxLength(500);
        b.Property(j => j.StartApprovedBy).HasMaxLength(128);
        b.HasOne<JobTemplate>().WithMany().HasForeignKey(j => j.TemplateId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(j => new { j.TemplateId, j.CreatedAt });
        b.HasIndex(j => new { j.Source, j.Status });
        b.Property(j => j.Gates)
            .HasConversion(
                g => JsonSerializer.Serialize(g, GateJson),
                s => JsonSerializer.Deserialize<GateSettings>(s, GateJson) ?? GateSettings.Default)
            .HasColumnName("GatesJson")
            .IsRequired();
        b.Property(j => j.Version).IsConcurrencyToken();
        b.HasIndex(j => j.Status);
        b.HasIndex(j => j.CreatedAt);
        // Retention looks for finished jobs by their end.
        b.HasIndex(j => j.FinishedAt);

        b.HasMany(j => j.Batches).WithOne().HasForeignKey(x => x.JobId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(j => j.Batches).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class BatchConfiguration : IEntityTypeConfiguration<Batch>
{
    public void Configure(EntityTypeBuilder<Batch> b)
    {
        b.ToTable("Batches");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.JobId, x.Index }).IsUnique();
        b.Property(x => x.GateReason).HasMaxLength(2000);
        b.Property(x => x.ApprovedBy).HasMaxLength(128);
        b.Ignore(x => x.Done);
    }
}

internal sealed class HostTaskConfiguration : IEntityTypeConfiguration<HostTask>
{
    public void Configure(EntityTypeBuilder<HostTask> b)
    {
        b.ToTable("HostTasks");
        b.HasKey(h => h.Id);
        b.Property(h => h.Hostname).HasMaxLength(253).IsRequired();
        b.Property(h => h.Ip).HasMaxLength(64);
        b.Property(h => h.Idc).HasMaxLength(64);
        b.Property(h => h.Env).HasMaxLength(64);
        b.Property(h => h.App).HasMaxLength(128);
        b.Property(h => h.ExternalRef).HasMaxLength(256);
        // Results are written with tracked updates batched in one SaveChanges; the status check makes each of them
        // conditional, so a result never overwrites a host an operator aborted in the meantime.
        b.Property(h => h.Status).IsConcurrencyToken();
        b.HasOne<Job>().WithMany().HasForeignKey(h => h.JobId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Batch>().WithMany().HasForeignKey(h => h.BatchId).OnDelete(DeleteBehavior.NoAction);
        b.HasIndex(h => new { h.JobId, h.Hostname }).IsUnique();
        b.HasIndex(h => new { h.BatchId, h.Status, h.Position });
        b.HasIndex(h => new { h.JobId, h.Status });
        // Dispatch order: the dashboard's host pages and the Excel export read a job's hosts in this order.
        b.HasIndex(h => new { h.JobId, h.BatchIndex, h.Position });
        // Host lock across jobs: a host is Running in at most one job at a time.
        b.HasIndex(h => h.Hostname).IsUnique().HasFilter("\"Status\" = 'Running'").HasDatabaseName("IX_HostTasks_RunningHost");
        // Host history: a server's page lists the jobs that touched it, newest first (issue 9).
        b.HasIndex(h => new { h.Hostname, h.JobId }, "IX_HostTasks_Hostname_JobId");
    }
}

internal sealed class HostAttemptConfiguration : IEntityTypeConfiguration<HostAttempt>
{
    public void Configure(EntityTypeBuilder<HostAttempt> b)
    {
        b.ToTable("HostAttempts");
        b.HasKey(a => a.Id);
        b.Property(a => a.ExternalRef).HasMaxLength(256);
        b.HasOne<HostTask>().WithMany().HasForeignKey(a => a.HostTaskId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => new { a.HostTaskId, a.Attempt }).IsUnique();
    }
}

internal sealed class JobExclusionConfiguration : IEntityTypeConfiguration<JobExclusion>
{
    public void Configure(EntityTypeBuilder<JobExclusion> b)
    {
        b.ToTable("JobExclusions");
        b.HasKey(e => e.Id);
        b.Property(e => e.Hostname).HasMaxLength(253);
        b.Property(e => e.Reason).HasMaxLength(200);
        b.HasOne<Job>().WithMany().HasForeignKey(e => e.JobId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => e.JobId);
    }
}
