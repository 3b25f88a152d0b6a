using Bastion.Core.Audit.Export;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bastion.Web.AuditApi.Syslog;

/// <summary>The export in <c>/readyz</c>: a collector that cannot be reached is degraded (the node still serves
/// sessions and keeps every event for later), never unhealthy; the lag is in the description.</summary>
internal sealed class SyslogHealthCheck(SyslogExportStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var lag = status.Lag;
        return Task.FromResult(status.State switch
        {
            SyslogExportState.Disabled => HealthCheckResult.Healthy("off"),
            SyslogExportState.Standby => HealthCheckResult.Healthy("standby: another node exports"),
            SyslogExportState.Failing => HealthCheckResult.Degraded($"the syslog collector cannot be reached; {lag} events waiting"),
            SyslogExportState.Connecting => HealthCheckResult.Healthy($"connecting; {lag} events waiting"),
            _ => HealthCheckResult.Healthy($"connected; {lag} events waiting"),
        });
    }
}
