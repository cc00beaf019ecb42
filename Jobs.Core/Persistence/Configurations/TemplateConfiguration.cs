using Jobs.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jobs.Core.Persistence.Configurations;

internal sealed class JobTemplateConfiguration : IEntityTypeConfiguration<JobTemplate>
{
    public void Configure(EntityTypeBuilder<JobTemplate> b)
    {
        b.ToTable("JobTemplates");
        b.HasKey(t => t.Id);
        b.Property(t => t.Name).HasMaxLength(200).IsRequired();
        b.Property(t => t.Description).HasMaxLength(2000);
        b.Property(t => t.CreatedBy).HasMaxLength(128);
        b.Property(t => t.LatestVersion).IsConcurrencyToken();
        b.HasIndex(t => t.Name);
        b.HasMany(t => t.Versions).WithOne().HasForeignKey(v => v.TemplateId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(t => t.Versions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class JobTemplateVersionConfiguration : IEntityTypeConfiguration<JobTemplateVersion>
{
    public void Configure(EntityTypeBuilder<JobTemplateVersion> b)
    {
        b.ToTable("JobTemplateVersions");
        b.HasKey(v => v.Id);
        b.HasIndex(v => new { v.TemplateId, v.Version }).IsUnique();
        b.Property(v => v.RequestJson).IsRequired();
        b.Property(v => v.VariablesJson).IsRequired();
        b.Property(v => v.CreatedBy).HasMaxLength(128);
        b.Property(v => v.Note).HasMaxLength(500);
    }
}

internal sealed class TemplateScheduleConfiguration : IEntityTypeConfiguration<TemplateSchedule>
{
    public void Configure(EntityTypeBuilder<TemplateSchedule> b)
    {
        b.ToTable("TemplateSchedules");
        b.HasKey(s => s.Id);
        b.Property(s => s.Cron).HasMaxLength(200).IsRequired();
        b.Property(s => s.TimeZone).HasMaxLength(100).IsRequired();
        b.Property(s => s.VariablesJson).IsRequired();
        b.Property(s => s.Owner).HasMaxLength(128).IsRequired();
        b.Ignore(s => s.SourceLabel);
        b.HasOne<JobTemplate>().WithMany().HasForeignKey(s => s.TemplateId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => s.TemplateId);
    }
}

internal sealed class TemplateScheduleFireConfiguration : IEntityTypeConfiguration<TemplateScheduleFire>
{
    public void Configure(EntityTypeBuilder<TemplateScheduleFire> b)
    {
        b.ToTable("TemplateScheduleFires");
        b.HasKey(f => f.Id);
        b.Property(f => f.Detail).HasMaxLength(2000);
        b.HasOne<TemplateSchedule>().WithMany().HasForeignKey(f => f.ScheduleId).OnDelete(DeleteBehavior.Cascade);
        // One row per occurrence: the claim that keeps two nodes or a retried fire from creating a second job.
        b.HasIndex(f => new { f.ScheduleId, f.Occurrence }).IsUnique();
    }
}
