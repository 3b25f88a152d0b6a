using Bastion.Core.Recording;

namespace Bastion.Core.Cluster;

/// <summary>
/// Which open sessions a starting node ends as crashed (<see cref="SessionRecovery"/>): alone, every one; in a cluster,
/// those that no other node lists as its own (a lost node's are ended as <see cref="SessionRecovery.NodeLostReason"/>
/// by the lease watch); with Redis unreachable none, since this node cannot tell whose sessions are open. Here rather
/// than in Recording, so that Recording does not depend on the cluster (which depends on Sessions, which depends on
/// Recording).
/// </summary>
internal sealed class StartupRecovery(SessionRecovery recovery, IClusterBus bus)
{
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        if (!bus.IsClustered)
        {
            return await recovery.RecoverAsync(null, cancellationToken);
        }

        return await bus.SessionsOfOtherNodesAsync() is { } others
            ? await recovery.RecoverAsync(others, cancellationToken)
            : 0;
    }
}
