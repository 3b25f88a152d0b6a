using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Core.Audit;

/// <summary>
/// The audit store: one writer at a time in this process (a semaphore), each append a committed SQLite transaction before the task
/// completes. The head of the chain is cached and re-read after any failure, so a failed write never leaves a gap.
/// </summary>
internal sealed class SqliteAuditLog(IServiceScopeFactory scopes, TimeProvider time) : IAuditLog, IDisposable
{
    private const int ConflictRetries = 20;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (long Sequence, string Hash)? _head;

    public async Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Another process on the same database (nodes sharing one SQLite file, issue 10) may have appended since the
            // cached head: the sequence is the primary key, so that write fails and is retried on the re-read head.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await AppendOnceAsync(auditEvent, cancellationToken);
                    return;
                }
                catch (DbUpdateException) when (attempt < ConflictRetries)
                {
                    _head = null;
                }
            }
        }
        catch
        {
            _head = null;
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task AppendOnceAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();
        var head = _head ?? await ReadHeadAsync(db, cancellationToken);
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

        // Once the row is being written, finish it: a cancelled request must not leave a half-known head.
        await db.SaveChangesAsync(CancellationToken.None);
        _head = (record.Sequence, record.Hash);
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
