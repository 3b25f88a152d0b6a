using Bastion.Core.Access;
using Bastion.Core.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bastion.Core.Storage;

internal sealed class UserSettingsConfiguration : IEntityTypeConfiguration<UserSettings>
{
    public void Configure(EntityTypeBuilder<UserSettings> builder)
    {
        builder.HasKey(s => s.UserId);
        builder.Property(s => s.FontFamily).HasMaxLength(UserSettingsRules.MaxFontFamilyLength);
        builder.Property(s => s.Theme).HasMaxLength(16);
        builder.Property(s => s.CursorStyle).HasMaxLength(16);
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
