using System.Collections.Concurrent;
using Bastion.Core.Cluster;

namespace Bastion.Tests.Cluster;

/// <summary>A hand-written bus for unit tests: tickets in a dictionary taken once, directory writes recorded in order,
/// and a switch that makes it behave as an unreachable Redis.</summary>
internal sealed class FakeClusterBus : IClusterBus
{
    private readonly ConcurrentDictionary<string, string> _tickets;

    public FakeClusterBus(ConcurrentDictionary<string, string>? sharedTickets = null) => _tickets = sharedTickets ?? new();

    public bool Reachable { get; set; } = true;

    public ConcurrentQueue<string> Writes { get; } = new();

    public int Broadcasts;

    public bool IsClustered => true;

    public string NodeId => "fake";

    public void SetNodeUrl(string url)
    {
    }

    public void Subscribe(Func<NodeCommand, Task> onCommand, Action onRecheck)
    {
    }

    public Task<bool> PutTicketAsync(string key, string value, TimeSpan lifetime) => Task.FromResult(Reachable && _tickets.TryAdd(key, value));

    public Task<string?> TakeTicketAsync(string key) => Task.FromResult(Reachable && _tickets.TryRemove(key, out var value) ? value : null);

    public Task PublishSessionAsync(LocalSessionEntry entry)
    {
        Writes.Enqueue("+" + entry.SessionId);
        return Task.CompletedTask;
    }

    public Task RemoveSessionAsync(LocalSessionEntry entry)
    {
        Writes.Enqueue("-" + entry.SessionId);
        return Task.CompletedTask;
    }

    public Task<RemoteSession?> FindRemoteAsync(string sessionId) => Task.FromResult<RemoteSession?>(null);

    public Task<int> CountRemoteSessionsAsync(Guid userId) => Task.FromResult(0);

    public Task<IReadOnlySet<string>?> SessionsOfOtherNodesAsync() => Task.FromResult<IReadOnlySet<string>?>(new HashSet<string>());

    public Task<bool> SendAsync(string nodeId, NodeCommand command) => Task.FromResult(false);

    public Task BroadcastRecheckAsync()
    {
        Interlocked.Increment(ref Broadcasts);
        return Task.CompletedTask;
    }

    public Task<bool> RenewAsync(IReadOnlyList<LocalSessionEntry> local) => Task.FromResult(Reachable);

    public Task<IReadOnlyList<LostNode>> ClaimLostNodesAsync() => Task.FromResult<IReadOnlyList<LostNode>>([]);

    public Task ForgetNodeAsync(LostNode node) => Task.CompletedTask;

    public Task<long?> CountInWindowAsync(string key, TimeSpan window) => Task.FromResult<long?>(null);

    public Task<bool> PutStateAsync(string key, string value, TimeSpan lifetime) => Task.FromResult(false);

    public Task<string?> GetStateAsync(string key) => Task.FromResult<string?>(null);

    public Task<string?> TakeStateAsync(string key) => Task.FromResult<string?>(null);

    public Task DeleteStateAsync(string key) => Task.CompletedTask;

    public Task<SlotReservation?> ReserveSessionAsync(LocalSessionEntry entry, IReadOnlyCollection<string> localSessionIds, int limit) =>
        Task.FromResult<SlotReservation?>(null);
}
