using Bastion.Core.Audit.Export;
using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Web.AuditApi.Syslog;

/// <summary>The export lease for the configured storage: an advisory lock on PostgreSQL, a lock file beside the
/// SQLite database (whose path the connection names).</summary>
internal sealed class ExportLeases(IServiceScopeFactory scopes) : IExportLeases
{
    public async Task<IExportLease?> TryTakeAsync(string name, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();
        if (StorageProviders.IsPostgres(db.Database))
        {
            return await PostgresExportLease.TryTakeAsync(db.Database.GetConnectionString()!, cancellationToken);
        }

        var database = Path.GetFullPath(db.Database.GetDbConnection().DataSource);
        return FileExportLease.TryTake($"{database}.{name}-export.lock");
    }
}
