using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Core.Audit;

/// <summary>
/// The audit store, on either provider (the name is historical). Each append is one committed transaction before the
/// task completes, serialised in the database so that any number of processes on one database extend one chain:
/// on PostgreSQL the transaction takes <c>pg_advisory_xact_lock</c>, on SQLite it is <c>BEGIN IMMEDIATE</c> (the
/// file's write lock); the head is read inside that lock, never cached. The primary key on the sequence and a unique
/// index on the previous hash make a fork impossible to commit even if the lock were bypassed. Within one process a
/// semaphore keeps the appends from queueing on the database lock.
/// </summary>
internal sealed class SqliteAuditLog(IServiceScopeFactory scopes, TimeProvider time) : IAuditLog, IDisposable
{
    /// <summary>The advisory lock key of the audit chain on PostgreSQL ("BASTAUDT" as a 64-bit integer).</summary>
    internal const long ChainLockKey = 0x4241535441554454;

    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();

            // Once the lock is being taken, finish: a cancelled request must not abandon a half-written append.
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ChainLockKey})", CancellationToken.None);
            }

            var head = await ReadHeadAsync(db, CancellationToken.None);
            var record = new AuditRecord
            {
                Sequence = head.Sequence + 1,
                TimeMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
                Type = auditEvent.Type,
                Actor = Clean(auditEvent.Actor),
                ClientAddress = Clean(auditEvent.ClientAddress),
                SessionId = Clean(auditEvent.SessionId),
                HostId = auditEvent.HostId,
                DataJson = AuditCanonical.EncodeData(auditEvent.Data),
                PrevHash = head.Hash,
                Hash = "",
            };
            record.Hash = AuditCanonical.ComputeHash(record);
            db.AuditRecords.Add(record);
            await db.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The newest event's sequence and hash (what an operator exports for safekeeping).</summary>
    public async Task<(long Sequence, string Hash, long TimeMs)> ReadHeadWithTimeAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();
        var last = await db.AuditRecords.AsNoTracking().OrderByDescending(r => r.Sequence).FirstOrDefaultAsync(cancellationToken);
        return last is null ? (0, AuditCanonical.GenesisHash, 0) : (last.Sequence, last.Hash, last.TimeMs);
    }

    public void Dispose() => _gate.Dispose();

    internal static async Task<(long Sequence, string Hash)> ReadHeadAsync(BastionDbContext db, CancellationToken cancellationToken)
    {
        var last = await db.AuditRecords.AsNoTracking().OrderByDescending(r => r.Sequence)
            .Select(r => new { r.Sequence, r.Hash }).FirstOrDefaultAsync(cancellationToken);
        if (last is not null)
        {
            return (last.Sequence, last.Hash);
        }

        var checkpoint = await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        return checkpoint is null ? (0, AuditCanonical.GenesisHash) : (checkpoint.FirstSequence - 1, checkpoint.PrevHash);
    }

    private static string? Clean(string? value) => value is null ? null : TextSafety.ReplaceLoneSurrogates(value);
}
