using Bastion.Core.Access;
using Bastion.Core.Inventory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bastion.Core.Storage;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.HasIndex(u => u.UserName).IsUnique();
        builder.Property(u => u.UserName).HasMaxLength(64);
        builder.Property(u => u.ExternalIssuer).HasMaxLength(512);
        builder.Property(u => u.ExternalSubject).HasMaxLength(255);
        builder.HasIndex(u => new { u.ExternalIssuer, u.ExternalSubject }).IsUnique();
        builder.Ignore(u => u.RoleList);
        builder.Ignore(u => u.GroupList);
    }
}

internal sealed class HostConfiguration : IEntityTypeConfiguration<Host>
{
    public void Configure(EntityTypeBuilder<Host> builder)
    {
        builder.HasIndex(h => h.Name).IsUnique();
        builder.Property(h => h.Name).HasMaxLength(100);
        builder.Property(h => h.Address).HasMaxLength(255);
        builder.Property(h => h.UserName).HasMaxLength(64);
        builder.Property(h => h.Labels).HasMaxLength(4000);
        builder.Property(h => h.Groups).HasMaxLength(1000);
        builder.HasOne(h => h.Credential).WithMany().HasForeignKey(h => h.CredentialId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(h => h.Gateway).WithMany().HasForeignKey(h => h.GatewayHostId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GrantConfiguration : IEntityTypeConfiguration<Grant>
{
    public void Configure(EntityTypeBuilder<Grant> builder)
    {
        builder.HasIndex(g => g.UserId);
        builder.HasIndex(g => g.UserGroup);
        builder.HasOne<User>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Host>().WithMany().HasForeignKey(g => g.HostId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PendingHostKeyConfiguration : IEntityTypeConfiguration<PendingHostKey>
{
    public void Configure(EntityTypeBuilder<PendingHostKey> builder)
    {
        builder.HasIndex(p => p.HostId).IsUnique();
        builder.HasOne<Host>().WithMany().HasForeignKey(p => p.HostId).OnDelete(DeleteBehavior.Cascade);
    }
}
