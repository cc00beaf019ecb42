using Jobs.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jobs.Core.Persistence.Configurations;

internal sealed class ServerConfiguration : IEntityTypeConfiguration<Server>
{
    public void Configure(EntityTypeBuilder<Server> b)
    {
        b.ToTable("Servers");
        b.HasKey(s => s.Id);
        b.Property(s => s.Hostname).HasMaxLength(253).IsRequired();
        b.HasIndex(s => s.Hostname).IsUnique();
        b.Property(s => s.Ip).HasMaxLength(64).IsRequired();
        b.Property(s => s.Idc).HasMaxLength(64).IsRequired();
        b.Property(s => s.Env).HasMaxLength(64).IsRequired();
        b.Property(s => s.App).HasMaxLength(128).IsRequired();
        b.Property(s => s.Role).HasMaxLength(64);
        b.Property(s => s.Os).HasMaxLength(64);
        b.Property(s => s.Owner).HasMaxLength(128);
        b.HasIndex(s => new { s.Env, s.App });
        b.HasIndex(s => s.Idc);
        b.Property(s => s.Source).HasMaxLength(64);
        b.HasIndex(s => s.Source);

        b.HasMany(s => s.Tags).WithOne().HasForeignKey(t => t.ServerId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(s => s.Tags).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ServerTagConfiguration : IEntityTypeConfiguration<ServerTag>
{
    public void Configure(EntityTypeBuilder<ServerTag> b)
    {
        b.ToTable("ServerTags");
        b.HasKey(t => new { t.ServerId, t.Name });
        b.Property(t => t.Name).HasMaxLength(64);
        b.HasIndex(t => t.Name);
    }
}
