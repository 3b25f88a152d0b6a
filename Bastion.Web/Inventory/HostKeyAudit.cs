namespace Bastion.Web.Inventory;

/// <summary>A host key as the audit log records it (<c>{"fingerprint":...,"keyType":...}</c>).</summary>
internal sealed record HostKeyAudit(string? Fingerprint, string? KeyType);
