using Bastion.Core.Audit;

namespace Bastion.Tests.Audit;

/// <summary>An audit store whose disk is "full" for one event type; everything else goes to the real store.</summary>
internal sealed class FailingAuditLog(IAuditLog inner, string failingType) : IAuditLog
{
    public Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken) =>
        auditEvent.Type == failingType
            ? throw new IOException("disk full (simulated)")
            : inner.AppendAsync(auditEvent, cancellationToken);
}
