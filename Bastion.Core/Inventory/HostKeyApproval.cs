namespace Bastion.Core.Inventory;

/// <summary>A pending key an admin approved: the host, now pinned to it, and the pin it replaced (for the audit log).</summary>
internal sealed record HostKeyApproval(Host Host, string? PreviousFingerprint, string? PreviousKeyType);
