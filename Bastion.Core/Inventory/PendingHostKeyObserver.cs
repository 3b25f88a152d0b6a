using Bastion.Core.Ssh;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bastion.Core.Inventory;

/// <summary>Records the key a refused connection was offered as the host's pending key ("re-keyed hosts"). A
/// singleton (the connector is one), so each report gets its own scope and database context.</summary>
internal sealed partial class PendingHostKeyObserver(IServiceScopeFactory scopes, ILogger<PendingHostKeyObserver> logger) : IHostKeyObserver
{
    public async Task KeyRefusedAsync(Guid hostId, string fingerprint, string? keyType, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var pending = scope.ServiceProvider.GetRequiredService<PendingHostKeys>();
        await pending.RecordAsync(hostId, fingerprint, keyType, PendingHostKeys.FromConnect, cancellationToken);
        LogRecorded(hostId, fingerprint);
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "Host {HostId} offered an unapproved key {Fingerprint}; recorded for review")]
    private partial void LogRecorded(Guid hostId, string fingerprint);
}
