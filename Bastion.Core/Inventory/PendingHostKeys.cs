using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Core.Inventory;

/// <summary>Keys that were seen but not trusted (scan, import, or a refused connection), one per host, and what an
/// admin does with them: approve (pin what was reviewed) or dismiss. Recording never changes a pin.</summary>
internal sealed class PendingHostKeys(BastionDbContext db, TimeProvider time)
{
    public const string FromScan = "scan";
    public const string FromConnect = "connect";
    public const string FromImport = "import";

    /// <summary>Stores <paramref name="fingerprint"/> as the host's pending key (the latest wins); null when the host
    /// does not exist. A key seen without its type keeps the type only if it is the same key.</summary>
    public async Task<PendingHostKey?> RecordAsync(Guid hostId, string fingerprint, string? keyType, string source, CancellationToken cancellationToken)
    {
        if (!await db.Hosts.AnyAsync(h => h.Id == hostId, cancellationToken))
        {
            return null;
        }

        var pending = await db.PendingHostKeys.FirstOrDefaultAsync(p => p.HostId == hostId, cancellationToken);
        if (pending is null)
        {
            pending = new PendingHostKey { Id = Guid.NewGuid(), HostId = hostId, Fingerprint = fingerprint, Source = source };
            db.PendingHostKeys.Add(pending);
        }

        // Compare before overwriting: a re-keyed host's new key must not inherit the old key's type.
        pending.KeyType = keyType ?? (pending.Fingerprint == fingerprint ? pending.KeyType : null);
        pending.Fingerprint = fingerprint;
        pending.Source = source;
        pending.SeenAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return pending;
    }
}
