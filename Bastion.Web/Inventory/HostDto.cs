using Bastion.Core.Inventory;
using Host = Bastion.Core.Inventory.Host;

namespace Bastion.Web.Inventory;

/// <summary>A host as the API shows it. Never carries a secret.</summary>
internal sealed record HostDto(string Id, string Name, string Address, int Port, string Username, string? HostKeyFingerprint)
{
    public static HostDto From(Host host) => new(host.Id.ToString(), host.Name, host.Address, host.Port, host.UserName, host.HostKeyFingerprint);
}
