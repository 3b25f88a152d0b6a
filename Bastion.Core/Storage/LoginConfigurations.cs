using Bastion.Core.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bastion.Core.Storage;

internal sealed class LoginConfiguration : IEntityTypeConfiguration<Login>
{
    public void Configure(EntityTypeBuilder<Login> builder)
    {
        builder.HasIndex(l => l.UserId);
        builder.Property(l => l.Method).HasMaxLength(32);
        builder.Property(l => l.EndReason).HasMaxLength(32);
        builder.Property(l => l.ClientAddress).HasMaxLength(64);
        builder.Property(l => l.UserAgent).HasMaxLength(Login.UserAgentMaxLength);
        builder.HasOne<User>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> builder)
    {
        builder.HasKey(t => t.Hash);
        builder.Property(t => t.Hash).HasMaxLength(64);
        builder.HasIndex(t => t.LoginId);
        builder.HasOne<Login>().WithMany().HasForeignKey(t => t.LoginId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.HasIndex(t => t.Hash).IsUnique();
        builder.HasIndex(t => t.UserId);
        builder.Property(t => t.Hash).HasMaxLength(64);
        builder.Property(t => t.Name).HasMaxLength(ApiTokens.MaxNameLength);
        builder.Property(t => t.Scopes).HasMaxLength(64);
        builder.Property(t => t.Hint).HasMaxLength(16);
        builder.Ignore(t => t.ScopeList);
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
