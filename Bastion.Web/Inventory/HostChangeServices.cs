using Bastion.Core.Audit;
using Bastion.Core.Inventory;
using Bastion.Core.Live;

namespace Bastion.Web.Inventory;

/// <summary>What a host-changing handler needs besides its route values and body, bound with <c>[AsParameters]</c>.</summary>
internal sealed record HostChangeServices(HttpContext Context, HostService Hosts, IAuditLog Audit, SessionRegistry Registry, CancellationToken CancellationToken);
