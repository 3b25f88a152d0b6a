using Bastion.Core.Audit;

namespace Bastion.Tests.Web;

/// <summary>An audit store that throws <paramref name="error"/> for one event type; everything else goes to the real store.</summary>
internal sealed class ThrowingAuditLog(IAuditLog inner, string failingType, Func<Exception> error) : IAuditLog
{
    public Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken) =>
        auditEvent.Type == failingType ? throw error() : inner.AppendAsync(auditEvent, cancellationToken);
}
