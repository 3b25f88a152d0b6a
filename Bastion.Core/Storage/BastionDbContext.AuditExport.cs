using Bastion.Core.Audit.Export;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Core.Storage;

internal sealed partial class BastionDbContext
{
    public DbSet<AuditExportCursor> AuditExportCursors => Set<AuditExportCursor>();
}
