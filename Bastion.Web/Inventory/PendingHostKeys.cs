using Bastion.Core.Inventory;
using Bastion.Core.Ssh;
using Bastion.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Bastion.Web.Inventory;

/// <summary>Records keys that were seen but not trusted (scan, import, or a refused connection) as the host's pending
/// key; an admin approves or ignores it. Never changes a pin.</summary>
internal sealed partial class PendingHostKeys(IServiceScopeFactory scopes, TimeProvider time, ILogger<PendingHostKeys> logger) : IHostKeyObserver
{
    public async Task KeyRefusedAsync(Guid hostId, string fingerprint, string? keyType, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BastionDbContext>();
        await RecordAsync(db, hostId, fingerprint, keyType, "connect", time.GetUtcNow(), cancellationToken);
        LogRecorded(hostId, fingerprint);
    }

    public static async Task<PendingHostKey?> RecordAsync(
        BastionDbContext db, Guid hostId, string fingerprint, string? keyType, string source, DateTimeOffset now, CancellationToken cancellationToken)
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

        pending.Fingerprint = fingerprint;
        pending.KeyType = keyType ?? (pending.Fingerprint == fingerprint ? pending.KeyType : null);
        pending.Source = source;
        pending.SeenAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return pending;
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "Host {HostId} offered an unapproved key {Fingerprint}; recorded for review")]
    private partial void LogRecorded(Guid hostId, string fingerprint);
}
