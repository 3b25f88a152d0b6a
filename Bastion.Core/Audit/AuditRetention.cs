using System.Globalization;
using Bastion.Core.Recording;
using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Core.Audit;

/// <summary>
/// Prunes events older than the retention period from the start of the chain only, writing a signed checkpoint
/// (the first kept sequence and the hash it links to) in the same transaction, so the rest still verifies. The newest
/// event is always kept. Recordings of sessions that ended before the cutoff are deleted with them.
/// </summary>
internal sealed class AuditRetention(BastionDbContext db, IAuditLog audit, AuditCheckpointSigner signer, RecordingOptionsAccessor recordings)
{
    /// <summary>The advisory lock key of pruning on PostgreSQL ("BASTPRUN" as a 64-bit integer).</summary>
    internal const long RetentionLockKey = 0x424153545052554E;

    public async Task<long> PruneAsync(DateTimeOffset now, int retentionDays, CancellationToken cancellationToken)
    {
        if (retentionDays <= 0)
        {
            return 0;
        }

        var cutoff = (now - TimeSpan.FromDays(retentionDays)).ToUnixTimeMilliseconds();
        AuditRecord? last;

        // 1. One node prunes at a time (issue 10): on PostgreSQL a transaction-scoped advisory lock, tried, not waited
        //    for (a node that finds it taken skips this round), and the chain is read only once it is held, so a second
        //    node never prunes again what the first just pruned. SQLite has one node.
        long pruned;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            if (StorageProviders.IsPostgres(db.Database)
                && !await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({RetentionLockKey}) AS \"Value\"").SingleAsync(cancellationToken))
            {
                return 0;
            }

            // 2. The last event to prune: older than the cutoff, never the newest.
            var newest = await db.AuditRecords.MaxAsync(r => (long?)r.Sequence, cancellationToken) ?? 0;
            last = await db.AuditRecords.AsNoTracking().Where(r => r.TimeMs < cutoff && r.Sequence < newest)
                .OrderByDescending(r => r.Sequence).FirstOrDefaultAsync(cancellationToken);
            if (last is null)
            {
                return 0;
            }

            // 3. Checkpoint and deletion in the same transaction.
            pruned = await db.AuditRecords.Where(r => r.Sequence <= last.Sequence).ExecuteDeleteAsync(cancellationToken);
            var checkpoint = new AuditCheckpoint
            {
                FirstSequence = last.Sequence + 1,
                PrevHash = last.Hash,
                PrunedCount = pruned,
                CreatedMs = now.ToUnixTimeMilliseconds(),
                Signature = "",
            };
            checkpoint.Signature = signer.Sign(checkpoint);
            db.AuditCheckpoints.Add(checkpoint);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // 4. Old recordings.
        var old = await db.Sessions.Where(s => s.EndedMs != null && s.EndedMs < cutoff).ToListAsync(cancellationToken);
        foreach (var session in old)
        {
            if (recordings.PathOf(session.RecordingFile) is { } path)
            {
                File.Delete(path);
                File.Delete(RecordingIndexStore.IndexPathOf(path));
            }
        }

        db.Sessions.RemoveRange(old);
        await db.SaveChangesAsync(cancellationToken);

        await audit.AppendAsync(new AuditEvent
        {
            Type = AuditEventTypes.AuditPruned,
            Data = new Dictionary<string, string?>
            {
                ["events"] = pruned.ToString(CultureInfo.InvariantCulture),
                ["through_sequence"] = last.Sequence.ToString(CultureInfo.InvariantCulture),
                ["recordings"] = old.Count.ToString(CultureInfo.InvariantCulture),
                ["retention_days"] = retentionDays.ToString(CultureInfo.InvariantCulture),
            },
        }, cancellationToken);
        return pruned;
    }
}
