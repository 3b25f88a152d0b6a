namespace Bastion.Core.Cluster;

/// <summary>One node, nothing shared: the defaults when <c>Bus:Redis</c> is unset.</summary>
internal sealed class InProcessBus : IClusterBus
{
    public bool IsClustered => false;

    public string NodeId { get; } = "local";

    public void SetNodeUrl(string url)
    {
    }

    public void Subscribe(Func<NodeCommand, Task> onCommand, Action onRecheck)
    {
    }

    public Task<bool> PutTicketAsync(string key, string value, TimeSpan lifetime) => Task.FromResult(false);

    public Task<string?> TakeTicketAsync(string key) => Task.FromResult<string?>(null);

    public Task PublishSessionAsync(LocalSessionEntry entry) => Task.CompletedTask;

    public Task RemoveSessionAsync(LocalSessionEntry entry) => Task.CompletedTask;

    public Task<RemoteSession?> FindRemoteAsync(string sessionId) => Task.FromResult<RemoteSession?>(null);

    public Task<int> CountRemoteSessionsAsync(Guid userId) => Task.FromResult(0);

    public Task<IReadOnlySet<string>?> SessionsOfOtherNodesAsync() => Task.FromResult<IReadOnlySet<string>?>(new HashSet<string>());

    public Task<bool> SendAsync(string nodeId, NodeCommand command) => Task.FromResult(false);

    public Task BroadcastRecheckAsync() => Task.CompletedTask;

    public Task<bool> RenewAsync(IReadOnlyList<LocalSessionEntry> local) => Task.FromResult(true);

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
