using Bastion.Core.Inventory;

namespace Bastion.Core.Sessions;

/// <summary>A host's session limit overrides as the session request carries them (issue 9): null = the global
/// <c>Terminal:</c> setting, 0 = off on this host. Copied out of the inventory when the session is requested.</summary>
internal sealed record HostLimitOverrides(int? IdleTimeoutSeconds, int? MaxDurationSeconds, int? MaxSessionsPerUser)
{
    public static readonly HostLimitOverrides None = new(null, null, null);

    public static HostLimitOverrides Of(Host host) => new(host.IdleTimeoutSeconds, host.MaxDurationSeconds, host.MaxSessionsPerUser);
}
