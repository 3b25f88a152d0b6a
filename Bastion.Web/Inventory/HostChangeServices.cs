using Bastion.Core.Audit;
using Bastion.Core.Inventory;
using Bastion.Core.Sessions;

namespace Bastion.Web.Inventory;

/// <summary>What a host-changing handler needs besides its route values and body, bound with <c>[AsParameters]</c>.</summary>
internal sealed record HostChangeServices(HttpContext Context, HostService Hosts, IAuditLog Audit, ISessionRegistry Registry, CancellationToken CancellationToken);
