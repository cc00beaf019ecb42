using Jobs.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jobs.Core.Persistence.Configurations;

internal sealed class JobsUserConfiguration : IEntityTypeConfiguration<JobsUser>
{
    public void Configure(EntityTypeBuilder<JobsUser> b)
    {
        b.Property(u => u.Scope).HasMaxLength(2000);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.ToTable("ApiKeys");
        b.HasKey(k => k.Id);
        b.Property(k => k.UserId).HasMaxLength(450).IsRequired();
        b.Property(k => k.Name).HasMaxLength(100).IsRequired();
        b.Property(k => k.Prefix).HasMaxLength(32).IsRequired();
        b.Property(k => k.Hash).HasMaxLength(64).IsRequired();
        b.HasIndex(k => k.Hash).IsUnique();
        b.HasIndex(k => k.UserId);
        b.HasOne<JobsUser>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(k => k.IsActive);
    }
}
