using Jobs.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jobs.Core.Persistence.Configurations;

internal sealed class RunnerLeaseConfiguration : IEntityTypeConfiguration<RunnerLease>
{
    public void Configure(EntityTypeBuilder<RunnerLease> b)
    {
        b.ToTable("RunnerLeases");
        b.HasKey(l => l.JobId);
        b.Property(l => l.JobId).ValueGeneratedNever();
        b.Property(l => l.Holder).HasMaxLength(200).IsRequired();
        b.HasOne<Job>().WithMany().HasForeignKey(l => l.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}
