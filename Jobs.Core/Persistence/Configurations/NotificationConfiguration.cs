using Jobs.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jobs.Core.Persistence.Configurations;

internal sealed class NotificationDeliveryConfiguration : IEntityTypeConfiguration<NotificationDelivery>
{
    public void Configure(EntityTypeBuilder<NotificationDelivery> b)
    {
        b.ToTable("NotificationDeliveries");
        b.HasKey(d => d.Id);
        b.Property(d => d.Event).HasConversion<string>().HasMaxLength(32);
        b.Property(d => d.Status).HasConversion<string>().HasMaxLength(32);
        b.Property(d => d.Reason).HasMaxLength(1000);
        b.Property(d => d.Webhook).HasMaxLength(64).IsRequired();
        b.Property(d => d.LastError).HasMaxLength(1000);
        // The navigation only carries a new job's id into the row saved with it; the job page reads by JobId.
        b.HasOne(d => d.Job).WithMany().HasForeignKey(d => d.JobId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(d => d.JobId);
        // What the sender looks for: pending rows by due time.
        b.HasIndex(d => new { d.Status, d.NextAttemptAt });
    }
}

internal sealed class NotificationWebhookConfiguration : IEntityTypeConfiguration<NotificationWebhook>
{
    public void Configure(EntityTypeBuilder<NotificationWebhook> b)
    {
        b.ToTable("NotificationWebhooks");
        b.HasKey(w => w.Id);
        b.Property(w => w.Name).HasMaxLength(64).IsRequired();
        b.Property(w => w.Url).HasMaxLength(2000).IsRequired();
        b.Property(w => w.Format).HasConversion<string>().HasMaxLength(32);
        b.Property(w => w.Events).HasMaxLength(200).IsRequired();
        b.Property(w => w.CreatedBy).HasMaxLength(128);
        b.HasIndex(w => w.Name).IsUnique();
        b.HasOne<JobTemplate>().WithMany().HasForeignKey(w => w.TemplateId).OnDelete(DeleteBehavior.Cascade);
    }
}
