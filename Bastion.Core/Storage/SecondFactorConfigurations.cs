using Bastion.Core.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bastion.Core.Storage;

internal sealed class AccountLockoutConfiguration : IEntityTypeConfiguration<AccountLockout>
{
    public void Configure(EntityTypeBuilder<AccountLockout> builder)
    {
        builder.HasKey(l => l.UserName);
        builder.Property(l => l.UserName).HasMaxLength(64);
    }
}

internal sealed class UserTotpConfiguration : IEntityTypeConfiguration<UserTotp>
{
    public void Configure(EntityTypeBuilder<UserTotp> builder)
    {
        builder.HasKey(t => t.UserId);
        builder.HasOne<User>().WithOne().HasForeignKey<UserTotp>(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RecoveryCodeConfiguration : IEntityTypeConfiguration<RecoveryCode>
{
    public void Configure(EntityTypeBuilder<RecoveryCode> builder)
    {
        builder.HasIndex(c => c.UserId);
        builder.Property(c => c.CodeHash).HasMaxLength(64);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PasskeyConfiguration : IEntityTypeConfiguration<Passkey>
{
    public void Configure(EntityTypeBuilder<Passkey> builder)
    {
        builder.HasIndex(p => p.UserId);
        builder.HasIndex(p => p.CredentialId).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(64);
        builder.Property(p => p.CredentialId).HasMaxLength(1023);
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
