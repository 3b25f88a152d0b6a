using Bastion.Core.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bastion.Web.Observability;

internal sealed class DatabaseHealthCheck(BastionDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("database unreachable");
}
