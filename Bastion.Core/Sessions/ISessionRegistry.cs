namespace Bastion.Core.Sessions;

/// <summary>
/// Every session that runs now (connecting, attached or detached), so that it can be found to attach, killed,
/// re-checked for access and ended at shutdown: the sessions of this node (<see cref="InProcessSessionRegistry"/>; on a
/// clustered node <see cref="Cluster.ClusterSessionRegistry"/>, which also publishes them to the shared directory).
/// </summary>
internal interface ISessionRegistry
{
    void Add(LiveSession session);

    void Remove(LiveSession session);

    /// <summary>The running session with this id on this node, or null (unknown, ended, or on another node: ask
    /// <see cref="Cluster.IClusterBus.FindRemoteAsync"/>).</summary>
    LiveSession? Find(string sessionId);

    IReadOnlyList<LiveSession> Snapshot();

    /// <summary>Asks the access watchdog to re-check now (an admin changed grants, users or hosts).</summary>
    void RequestRecheck();

    /// <summary>Completes when a re-check is requested or <paramref name="timeout"/> passes on <paramref name="time"/>.</summary>
    Task WaitForRecheckAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken);
}
