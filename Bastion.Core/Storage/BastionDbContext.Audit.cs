using Bastion.Core.Audit;
using Bastion.Core.Recording;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Core.Storage;

internal sealed partial class BastionDbContext
{
    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();

    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();

    public DbSet<SessionRecord> Sessions => Set<SessionRecord>();
}
