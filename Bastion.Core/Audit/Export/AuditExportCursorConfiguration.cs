using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bastion.Core.Audit.Export;

internal sealed class AuditExportCursorConfiguration : IEntityTypeConfiguration<AuditExportCursor>
{
    public void Configure(EntityTypeBuilder<AuditExportCursor> builder)
    {
        builder.ToTable("AuditExportCursors");
        builder.HasKey(c => c.Name);
        builder.Property(c => c.Name).HasMaxLength(50);
        builder.Property(c => c.Hash).HasMaxLength(64);
    }
}
