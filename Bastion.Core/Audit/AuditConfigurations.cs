using Bastion.Core.Recording;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bastion.Core.Audit;

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> builder)
    {
        builder.ToTable("AuditEvents");
        builder.HasKey(r => r.Sequence);
        builder.Property(r => r.Sequence).ValueGeneratedNever();
        builder.HasIndex(r => r.TimeMs);
        builder.HasIndex(r => r.SessionId);
        builder.HasIndex(r => new { r.Type, r.TimeMs });

        // A fork (two events after one head) cannot be committed, whatever serialises the writers.
        builder.HasIndex(r => r.PrevHash).IsUnique();
    }
}

internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> builder) => builder.ToTable("AuditCheckpoints");
}

internal sealed class SessionRecordConfiguration : IEntityTypeConfiguration<SessionRecord>
{
    public void Configure(EntityTypeBuilder<SessionRecord> builder)
    {
        builder.ToTable("Sessions");
        builder.HasIndex(s => s.StartedMs);
        builder.HasIndex(s => s.UserName);
        builder.HasIndex(s => s.EndedMs);
    }
}
