namespace Bastion.Core.Audit;

/// <summary>Where every audit event goes. Appending must be durable when the returned task completes; if it
/// throws, the caller fails closed (a session that cannot be audited is not started).</summary>
internal interface IAuditLog
{
    Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken);
}
