using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bastion.Web.Observability;

/// <summary>The audit chain can be read at its head (what every append starts from). A node that cannot read it
/// refuses sessions (they fail closed), so it is not ready.</summary>
internal sealed class AuditStoreHealthCheck(BastionDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await db.AuditRecords.AsNoTracking().OrderByDescending(r => r.Sequence).Select(r => r.Sequence).FirstOrDefaultAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("the audit chain cannot be read");
        }
    }
}
