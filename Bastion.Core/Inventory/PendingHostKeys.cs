using Bastion.Core.Ssh;
using Bastion.Core.Storage;
using Bastion.Core.Validation;
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

    /// <summary>A key from a known_hosts import for <paramref name="host"/> (tracked by this context): pinned when the
    /// host has no pin, recorded as pending when it has another.</summary>
    public async Task<KnownKeyOutcome> ImportAsync(Host host, string fingerprint, string keyType, CancellationToken cancellationToken)
    {
        if (host.HostKeyFingerprint == fingerprint)
        {
            return KnownKeyOutcome.Unchanged;
        }

        if (host.HostKeyFingerprint is not null)
        {
            await RecordAsync(host.Id, fingerprint, keyType, FromImport, cancellationToken);
            return KnownKeyOutcome.Pending;
        }

        host.HostKeyFingerprint = fingerprint;
        host.HostKeyType = keyType;
        await db.SaveChangesAsync(cancellationToken);
        return KnownKeyOutcome.Pinned;
    }

    /// <summary>Every pending key with its host, by host name; rows whose host still has a pin are re-keyed hosts.</summary>
    public async Task<List<(Host Host, PendingHostKey Key)>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await (from p in db.PendingHostKeys
                          join h in db.Hosts on p.HostId equals h.Id
                          select new { p, h }).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.h.Name).Select(r => (r.h, r.p))];
    }

    /// <summary>Pins the host's pending key. With <paramref name="reviewedFingerprint"/>, only if that is still the
    /// pending key: the admin approves the key they reviewed, and if it changed since, they must look again.</summary>
    public async Task<ChangeResult<HostKeyApproval>> ApproveAsync(Guid hostId, string? reviewedFingerprint, CancellationToken cancellationToken)
    {
        var host = await db.Hosts.Include(h => h.Credential).FirstOrDefaultAsync(h => h.Id == hostId, cancellationToken);
        if (host is null)
        {
            return ChangeResult<HostKeyApproval>.NotFound(ReplyMessages.HostNotFound);
        }

        var pending = await db.PendingHostKeys.FirstOrDefaultAsync(p => p.HostId == hostId, cancellationToken);
        if (pending is null)
        {
            return ChangeResult<HostKeyApproval>.NotFound(ReplyMessages.NoPendingKeyScanFirst);
        }

        if (HostKeyFingerprint.Normalize(reviewedFingerprint) is { } reviewed && reviewed != pending.Fingerprint)
        {
            return ChangeResult<HostKeyApproval>.Conflict(ReplyMessages.PendingKeyChanged(pending.Fingerprint, reviewed));
        }

        var approval = new HostKeyApproval(host, host.HostKeyFingerprint, host.HostKeyType);
        host.HostKeyFingerprint = pending.Fingerprint;
        host.HostKeyType = pending.KeyType;
        db.PendingHostKeys.Remove(pending);
        await db.SaveChangesAsync(cancellationToken);
        return ChangeResult<HostKeyApproval>.Done(approval);
    }

    /// <summary>Forgets the host's pending key without pinning it.</summary>
    public async Task<ChangeResult<PendingHostKey>> DismissAsync(Guid hostId, CancellationToken cancellationToken)
    {
        var pending = await db.PendingHostKeys.FirstOrDefaultAsync(p => p.HostId == hostId, cancellationToken);
        if (pending is null)
        {
            return ChangeResult<PendingHostKey>.NotFound(ReplyMessages.NoPendingKey);
        }

        db.PendingHostKeys.Remove(pending);
        await db.SaveChangesAsync(cancellationToken);
        return ChangeResult<PendingHostKey>.Done(pending);
    }
}
