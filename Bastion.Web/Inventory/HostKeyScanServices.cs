using Bastion.Core.Audit;
using Bastion.Core.Inventory;
using Bastion.Core.Ssh;

namespace Bastion.Web.Inventory;

/// <summary>What the scan handler needs besides the host id, bound with <c>[AsParameters]</c>.</summary>
internal sealed record HostKeyScanServices(
    HttpContext Context, HostService Hosts, CredentialVault Vault, SshConnector Connector, PendingHostKeys PendingKeys, IAuditLog Audit,
    CancellationToken CancellationToken);
