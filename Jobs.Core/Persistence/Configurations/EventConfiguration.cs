using Jobs.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jobs.Core.Persistence.Configurations;

internal sealed class InboundEventConfiguration : IEntityTypeConfiguration<InboundEvent>
{
    public void Configure(EntityTypeBuilder<InboundEvent> b)
    {
        b.ToTable("Events");
        b.HasKey(e => e.Id);
        b.Property(e => e.Type).HasMaxLength(InboundEvent.MaxTypeLength).IsRequired();
        b.Property(e => e.Source).HasMaxLength(InboundEvent.MaxSourceLength).IsRequired();
        b.Property(e => e.ReceivedBy).HasMaxLength(128).IsRequired();
        b.Property(e => e.Detail).IsRequired();
        b.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(32);
        b.HasMany(e => e.Results).WithOne().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(e => e.Results).UsePropertyAccessMode(PropertyAccessMode.Field);
        // The Events page lists newest first, optionally by type or outcome; the purge walks ReceivedAt.
        b.HasIndex(e => e.ReceivedAt);
        b.HasIndex(e => new { e.Type, e.ReceivedAt });
        b.HasIndex(e => new { e.Outcome, e.ReceivedAt });
    }
}

internal sealed class EventRuleResultConfiguration : IEntityTypeConfiguration<EventRuleResult>
{
    public void Configure(EntityTypeBuilder<EventRuleResult> b)
    {
        b.ToTable("EventRuleResults");
        b.HasKey(r => r.Id);
        b.Property(r => r.RuleName).HasMaxLength(EventRule.MaxNameLength).IsRequired();
        b.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(32);
        b.Property(r => r.Reason).HasMaxLength(EventRuleResult.MaxReasonLength).IsRequired();
        b.Property(r => r.BucketKey).HasMaxLength(RuleBucket.MaxKeyLength);
        b.HasIndex(r => r.EventId);
        b.HasIndex(r => new { r.RuleId, r.EventId });
    }
}

internal sealed class EventRuleConfiguration : IEntityTypeConfiguration<EventRule>
{
    public void Configure(EntityTypeBuilder<EventRule> b)
    {
        b.ToTable("EventRules");
        b.HasKey(r => r.Id);
        b.Property(r => r.Name).HasMaxLength(EventRule.MaxNameLength).IsRequired();
        b.Property(r => r.EventType).HasMaxLength(InboundEvent.MaxTypeLength).IsRequired();
        b.Property(r => r.Match).HasMaxLength(EventRule.MaxMatchLength).IsRequired();
        b.Property(r => r.Variables).IsRequired();
        b.Property(r => r.BucketKey).HasMaxLength(EventRule.MaxTemplateLength).IsRequired();
        b.Property(r => r.CreatedBy).HasMaxLength(128).IsRequired();
        b.HasIndex(r => new { r.EventType, r.Enabled });
        b.HasIndex(r => r.TemplateId);
        b.HasOne<JobTemplate>().WithMany().HasForeignKey(r => r.TemplateId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RuleBucketConfiguration : IEntityTypeConfiguration<RuleBucket>
{
    public void Configure(EntityTypeBuilder<RuleBucket> b)
    {
        b.ToTable("RuleBuckets");
        b.HasKey(x => new { x.RuleId, x.Key });
        b.Property(x => x.Key).HasMaxLength(RuleBucket.MaxKeyLength);
        b.HasOne<EventRule>().WithMany().HasForeignKey(x => x.RuleId).OnDelete(DeleteBehavior.Cascade);
    }
}
