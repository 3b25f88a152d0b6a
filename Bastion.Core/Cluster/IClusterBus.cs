namespace Bastion.Core.Cluster;

/// <summary>
/// What the nodes of one deployment share (issue 10): single-use tickets, the directory of which node runs which
/// session with each node's lease, commands to the owning node, a broadcast re-check, and login counters.
/// <see cref="InProcessBus"/> (one node) keeps nothing and reaches nobody; <see cref="RedisBus"/> shares it all through
/// Redis. Every call returns its outcome as a value: when Redis is unreachable, a call answers "not shared" (false,
/// null, 0) and the caller falls back to what this node knows.
/// </summary>
internal interface IClusterBus
{
    bool IsClustered { get; }

    string NodeId { get; }

    /// <summary>Where the other nodes reach this one (set once Kestrel listens).</summary>
    void SetNodeUrl(string url);

    /// <summary>Receives commands and re-check broadcasts addressed to this node.</summary>
    void Subscribe(Func<NodeCommand, Task> onCommand, Action onRecheck);

    /// <summary>Stores a ticket for <paramref name="lifetime"/>; false when it could not be shared.</summary>
    Task<bool> PutTicketAsync(string key, string value, TimeSpan lifetime);

    /// <summary>Takes a ticket atomically (GETDEL): null when unknown, taken before, expired, or Redis unreachable.</summary>
    Task<string?> TakeTicketAsync(string key);

    Task PublishSessionAsync(LocalSessionEntry entry);

    Task RemoveSessionAsync(LocalSessionEntry entry);

    /// <summary>The session if another live node runs it; null when it runs here, nowhere, or Redis is unreachable.</summary>
    Task<RemoteSession?> FindRemoteAsync(string sessionId);

    /// <summary>How many sessions of <paramref name="userId"/> run on other live nodes (0 when unknown).</summary>
    Task<int> CountRemoteSessionsAsync(Guid userId);

    /// <summary>Ids of the sessions that other nodes list as theirs; null when Redis is unreachable.</summary>
    Task<IReadOnlySet<string>?> SessionsOfOtherNodesAsync();

    /// <summary>Sends <paramref name="command"/> to <paramref name="nodeId"/>; false if nobody received it.</summary>
    Task<bool> SendAsync(string nodeId, NodeCommand command);

    Task BroadcastRecheckAsync();

    /// <summary>Renews this node's lease and republishes <paramref name="local"/> (dropping entries it no longer runs):
    /// after Redis restarts empty, the directory is whole again within one renewal. False when Redis is unreachable.</summary>
    Task<bool> RenewAsync(IReadOnlyList<LocalSessionEntry> local);

    /// <summary>Nodes whose lease expired and that this node claimed (one claimer per lost node).</summary>
    Task<IReadOnlyList<LostNode>> ClaimLostNodesAsync();

    /// <summary>Removes a lost node and its sessions from the directory once they are ended.</summary>
    Task ForgetNodeAsync(LostNode node);

    /// <summary>Adds one to a fixed-window counter shared by all nodes; null when Redis is unreachable.</summary>
    Task<long?> CountInWindowAsync(string key, TimeSpan window);

    /// <summary>Stores a short-lived value (a sign-in step, an invitation) for <paramref name="lifetime"/>; false when it
    /// could not be shared. See <see cref="SharedStash"/>.</summary>
    Task<bool> PutStateAsync(string key, string value, TimeSpan lifetime);

    /// <summary>The value, left in place; null when unknown, expired, or Redis is unreachable.</summary>
    Task<string?> GetStateAsync(string key);

    /// <summary>Takes the value atomically (GETDEL): one caller gets it, on whichever node.</summary>
    Task<string?> TakeStateAsync(string key);

    Task DeleteStateAsync(string key);

    /// <summary>
    /// Reserves a place under a per-user cap and lists the session in the directory, in one atomic step (a Lua script):
    /// counted are <paramref name="localSessionIds"/> (this node's live sessions of the user) and the user's sessions on
    /// other nodes whose lease is live. Null when Redis is unreachable (the caller counts what this node knows).
    /// </summary>
    Task<SlotReservation?> ReserveSessionAsync(LocalSessionEntry entry, IReadOnlyCollection<string> localSessionIds, int limit);
}
