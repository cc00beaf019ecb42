using Jobs.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jobs.Core.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("AuditEntries");
        b.HasKey(a => a.Id);
        b.Property(a => a.Actor).HasMaxLength(128).IsRequired();
        b.Property(a => a.Action).HasMaxLength(64).IsRequired();
        b.Property(a => a.Target).HasMaxLength(256).IsRequired();
        b.Property(a => a.Detail).HasMaxLength(4000);
        b.Property(a => a.ClientIp).HasMaxLength(64);
        b.HasIndex(a => a.At);
        b.HasIndex(a => a.Target);
    }
}
