using Jobs.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jobs.Core.Persistence.Configurations;

internal sealed class InventorySyncRunConfiguration : IEntityTypeConfiguration<InventorySyncRun>
{
    public void Configure(EntityTypeBuilder<InventorySyncRun> b)
    {
        b.ToTable("InventorySyncRuns");
        b.HasKey(r => r.Id);
        b.Property(r => r.Source).HasMaxLength(64).IsRequired();
        b.Property(r => r.StartedBy).HasMaxLength(128).IsRequired();
        b.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(32);
        b.Property(r => r.Errors).HasMaxLength(InventorySyncRun.MaxErrorLength);
        // "Last run of each source" reads this index backwards.
        b.HasIndex(r => new { r.Source, r.StartedAt });
    }
}
