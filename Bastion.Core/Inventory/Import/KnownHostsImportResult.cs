namespace Bastion.Core.Inventory.Import;

/// <summary>What a known_hosts import did: hosts pinned (each in <see cref="Pins"/>, for the audit), keys sent for
/// review, hosts already pinned to their key, and the names that match no host (<c>[address]:port</c> off port 22).</summary>
internal sealed record KnownHostsImportResult(int Pinned, int Pending, int Unchanged, IReadOnlyList<string> Unmatched, IReadOnlyList<KnownHostsImportResult.Pin> Pins)
{
    public sealed record Pin(Guid HostId, string Fingerprint, string KeyType);
}
