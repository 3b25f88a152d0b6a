using Bastion.Core.Audit;
using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bastion.Web.Observability;

/// <summary>The audit chain can be read at its head (what every append starts from), and the data directory has room:
/// a node that cannot read the chain refuses sessions (they fail closed), so it is not ready. A full data directory
/// (issue 13) is not ready either on SQLite, whose database lives there (logins, changes and session ends fail); on
/// PostgreSQL it is degraded. The check also puts back the storage reserve once space returns.</summary>
internal sealed class AuditStoreHealthCheck(BastionDbContext db, StorageReserve reserve) : IHealthCheck
{
    /// <summary>Below this the data directory counts as full: a SQLite write needs a few pages.</summary>
    public const long FullBytes = 64 * 1024;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await db.AuditRecords.AsNoTracking().OrderByDescending(r => r.Sequence).Select(r => r.Sequence).FirstOrDefaultAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("the audit chain cannot be read");
        }

        var restored = reserve.TryRestore();
        if (restored && FreeBytes(Path.GetDirectoryName(reserve.Path)!) is not < FullBytes)
        {
            return HealthCheckResult.Healthy();
        }

        const string Full = "the data directory's disk is full: audit writes (sign-ins, changes, session ends) fail until space is freed";
        return StorageProviders.IsSqlite(db.Database) ? HealthCheckResult.Unhealthy(Full) : HealthCheckResult.Degraded(Full);
    }

    private static long? FreeBytes(string directory)
    {
        try
        {
            return new DriveInfo(directory).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
