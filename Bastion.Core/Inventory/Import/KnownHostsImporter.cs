using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Core.Inventory.Import;

/// <summary>
/// Matches the keys of a known_hosts / ssh-keyscan file to hosts by address (case-insensitive) and port, and applies
/// each through <see cref="PendingHostKeys.ImportAsync"/>: a host without a pin gets the key pinned, a host pinned to
/// another key gets it as pending for review (never a silent re-pin). Every host with that address and port is matched.
/// </summary>
internal sealed class KnownHostsImporter(BastionDbContext db, PendingHostKeys pendingKeys)
{
    public async Task<KnownHostsImportResult> ImportAsync(IReadOnlyList<KnownHostKey> keys, CancellationToken cancellationToken)
    {
        // Tracked: PendingHostKeys.ImportAsync saves the pin on the host entity it is given.
        var hosts = await db.Hosts.ToListAsync(cancellationToken);
        int pinned = 0, pending = 0, unchanged = 0;
        var unmatched = new List<string>();
        var pins = new List<KnownHostsImportResult.Pin>();
        foreach (var key in keys)
        {
            var matching = hosts.Where(h => string.Equals(h.Address, key.Address, StringComparison.OrdinalIgnoreCase) && h.Port == key.Port).ToList();
            if (matching.Count == 0)
            {
                unmatched.Add(key.Port == 22 ? key.Address : $"[{key.Address}]:{key.Port}");
            }

            foreach (var host in matching)
            {
                switch (await pendingKeys.ImportAsync(host, key.Fingerprint, key.KeyType, cancellationToken))
                {
                    case KnownKeyOutcome.Unchanged:
                        unchanged++;
                        break;
                    case KnownKeyOutcome.Pending:
                        pending++;
                        break;
                    case KnownKeyOutcome.Pinned:
                        pins.Add(new KnownHostsImportResult.Pin(host.Id, key.Fingerprint, key.KeyType));
                        pinned++;
                        break;
                }
            }
        }

        return new KnownHostsImportResult(pinned, pending, unchanged, [.. unmatched.Distinct()], pins);
    }
}
