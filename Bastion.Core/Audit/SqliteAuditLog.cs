using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Core.Audit;

/// <summary>
/// The audit store, on either provider (the name is historical). Each append is committed before its task completes,
/// serialised in the database so that any number of processes on one database extend one chain: on PostgreSQL the
/// transaction takes <c>pg_advisory_xact_lock</c>, on SQLite it is <c>BEGIN IMMEDIATE</c> (the file's write lock);
/// the head is read inside that lock, never cached. The primary key on the sequence and a unique index on the
/// previous hash make a fork impossible to commit even if the lock were bypassed.
/// Group commit (issue 12): within one process, appends that arrive while another is being written wait for the
/// writer and are then written together, in arrival order, in one transaction (one lock, one fsync), up to
/// <see cref="MaxBatch"/> at a time. A login burst appends a ticket and a <c>session.started</c> per terminal; one
/// transaction each made the burst wait on the disk's fsync rate. If a batch of several fails, its events are
/// written again one by one, so each caller gets its own event's outcome.
/// </summary>
internal sealed class SqliteAuditLog(IServiceScopeFactory scopes, TimeProvider time) : IAuditLog, IDisposable
{
    /// <summary>The advisory lock key of the audit chain on PostgreSQL ("BASTAUDT" as a 64-bit integer).</summary>
    internal const long ChainLockKey = 0x4241535441554454;

    /// <summary>The most events one transaction writes.</summary>
    internal const int MaxBatch = 256;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _lock = new();
    private readonly List<PendingAppend> _pending = [];

    public async Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        var mine = new PendingAppend(auditEvent);
        lock (_lock)
        {
            _pending.Add(mine);
        }

        try
        {
            await _gate.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            lock (_lock)
            {
                if (_pending.Remove(mine))
                {
                    throw; // not taken by a writer: it is not written
                }
            }

            await mine.Done.Task; // a writer has it: it is being written, and its outcome is the caller's
            return;
        }

        try
        {
            // Batches in arrival order until this caller's own event is written (it may be behind MaxBatch others,
            // and nobody else may come to write it).
            while (!mine.Done.Task.IsCompleted)
            {
                List<PendingAppend> batch;
                lock (_lock)
                {
                    batch = _pending.GetRange(0, Math.Min(MaxBatch, _pending.Count));
                    _pending.RemoveRange(0, batch.Count);
                }

                await WriteAsync(batch);
            }
        }
        finally
        {
            _gate.Release();
        }

        await mine.Done.Task; // written by this call or by the writer before it
    }

    /// <summary>Writes <paramref name="batch"/> (taken in arrival order) and completes each of its appends.</summary>
    private async Task WriteAsync(List<PendingAppend> batch)
    {
        try
        {
            await CommitAsync(batch);
            batch.ForEach(p => p.Done.TrySetResult());
            return;
        }
        catch (Exception ex) when (batch.Count == 1)
        {
            batch[0].Done.TrySetException(ex);
            return;
        }
        catch (Exception)
        {
            // One at a time below: each caller hears its own event's outcome.
        }

        foreach (var one in batch)
        {
            try
            {
                await CommitAsync([one]);
                one.Done.TrySetResult();
            }
            catch (Exception ex)
            {
                one.Done.TrySetException(ex);
            }
        }
    }

    private async Task CommitAsync(List<PendingAppend> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();

        // Once the lock is being taken, finish: a cancelled request must not abandon a half-written append.
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        if (StorageProviders.IsPostgres(db.Database))
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ChainLockKey})", CancellationToken.None);
        }

        var (sequence, hash) = await ReadHeadAsync(db, CancellationToken.None);
        foreach (var pending in batch)
        {
            var auditEvent = pending.Event;
            var record = new AuditRecord
            {
                Sequence = ++sequence,
                TimeMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
                Type = auditEvent.Type,
                Actor = Clean(auditEvent.Actor),
                ClientAddress = Clean(auditEvent.ClientAddress),
                SessionId = Clean(auditEvent.SessionId),
                HostId = auditEvent.HostId,
                DataJson = AuditCanonical.EncodeData(auditEvent.Data),
                PrevHash = hash,
                Hash = "",
            };
            record.Hash = hash = AuditCanonical.ComputeHash(record);
            db.AuditRecords.Add(record);
        }

        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
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

    /// <summary>An event waiting to be written, and its outcome.</summary>
    private sealed class PendingAppend(AuditEvent auditEvent)
    {
        public AuditEvent Event { get; } = auditEvent;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
