using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Core.Audit.Export;

/// <summary>Reads (and checks against the chain) and advances an export's cursor, and reads the events after it.</summary>
internal sealed class AuditExportCursorStore(IServiceScopeFactory scopes, TimeProvider time)
{
    public const string Syslog = "syslog";

    public async Task<ExportStart> ReadAsync(string name, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();
        var cursor = await db.AuditExportCursors.AsNoTracking().FirstOrDefaultAsync(c => c.Name == name, cancellationToken);
        if (cursor is null)
        {
            return new ExportStart(0, ExportStartReason.FirstRun);
        }

        if (cursor.Sequence < 0 || !IsHash(cursor.Hash))
        {
            return new ExportStart(0, ExportStartReason.CursorMismatch);
        }

        var at = await db.AuditRecords.AsNoTracking().Where(r => r.Sequence == cursor.Sequence).Select(r => r.Hash).FirstOrDefaultAsync(cancellationToken);
        if (at is not null)
        {
            return at == cursor.Hash ? new ExportStart(cursor.Sequence, ExportStartReason.Cursor) : new ExportStart(0, ExportStartReason.CursorMismatch);
        }

        var (head, _) = await SqliteAuditLog.ReadHeadAsync(db, cancellationToken);
        return cursor.Sequence <= head
            ? new ExportStart(cursor.Sequence, ExportStartReason.CursorPruned)
            : new ExportStart(0, ExportStartReason.CursorMismatch);
    }

    public async Task WriteAsync(string name, long sequence, string hash, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var updated = await db.AuditExportCursors.Where(c => c.Name == name).ExecuteUpdateAsync(
            s => s.SetProperty(c => c.Sequence, sequence).SetProperty(c => c.Hash, hash).SetProperty(c => c.UpdatedMs, now), cancellationToken);
        if (updated == 0)
        {
            db.AuditExportCursors.Add(new AuditExportCursor { Name = name, Sequence = sequence, Hash = hash, UpdatedMs = now });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Up to <paramref name="limit"/> events after <paramref name="afterSequence"/>, in order, and the head.</summary>
    public async Task<(IReadOnlyList<AuditRecord> Events, long Head)> ReadAfterAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();
        var events = await db.AuditRecords.AsNoTracking().Where(r => r.Sequence > afterSequence)
            .OrderBy(r => r.Sequence).Take(limit).ToListAsync(cancellationToken);
        var head = await db.AuditRecords.MaxAsync(r => (long?)r.Sequence, cancellationToken) ?? afterSequence;
        return (events, head);
    }

    private static bool IsHash(string value) => value.Length == 64 && value.All(char.IsAsciiHexDigitLower);
}
