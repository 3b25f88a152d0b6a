using System.Threading.Channels;
using Bastion.Core.Sessions;

namespace Bastion.Core.Cluster;

/// <summary>
/// The registry of a clustered node: the sessions themselves stay in this process (<see cref="InProcessSessionRegistry"/>,
/// which everything that ends or attaches a local session uses), and each add and remove is mirrored into the shared
/// directory in order by one writer, so the other nodes can find the owner. A re-check request is also broadcast, so an
/// admin's change reaches the sessions on every node at once.
/// <para>Buffer policy: at most <see cref="PendingLimit"/> directory writes wait (Redis slow or down); beyond that the
/// oldest is dropped, and the node's next lease renewal (<see cref="IClusterBus.RenewAsync"/>) republishes its whole
/// state anyway.</para>
/// </summary>
internal sealed class ClusterSessionRegistry : ISessionRegistry, IDisposable
{
    public const int PendingLimit = 4096;

    private readonly InProcessSessionRegistry _local;
    private readonly IClusterBus _bus;
    private readonly Channel<(bool Add, LocalSessionEntry Entry)> _pending =
        Channel.CreateBounded<(bool, LocalSessionEntry)>(new BoundedChannelOptions(PendingLimit) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly Task _writer;

    public ClusterSessionRegistry(InProcessSessionRegistry local, IClusterBus bus)
    {
        _local = local;
        _bus = bus;
        _writer = Task.Run(WriteAsync);
    }

    public void Add(LiveSession session)
    {
        _local.Add(session);
        _pending.Writer.TryWrite((true, Entry(session)));
    }

    public void Remove(LiveSession session)
    {
        _local.Remove(session);
        _pending.Writer.TryWrite((false, Entry(session)));
    }

    public LiveSession? Find(string sessionId) => _local.Find(sessionId);

    public IReadOnlyList<LiveSession> Snapshot() => _local.Snapshot();

    public void RequestRecheck()
    {
        _local.RequestRecheck();
        _ = _bus.BroadcastRecheckAsync();
    }

    public Task WaitForRecheckAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken) =>
        _local.WaitForRecheckAsync(timeout, time, cancellationToken);

    /// <summary>What this node runs now, for the lease renewal.</summary>
    public IReadOnlyList<LocalSessionEntry> LocalEntries() => [.. _local.Snapshot().Where(s => s.IsLive).Select(Entry)];

    public void Dispose()
    {
        _pending.Writer.TryComplete();
        _writer.Wait(TimeSpan.FromSeconds(5));
    }

    private static LocalSessionEntry Entry(LiveSession session) => new(session.Id, session.UserId, session.HostId);

    private async Task WriteAsync()
    {
        await foreach (var (add, entry) in _pending.Reader.ReadAllAsync())
        {
            // The bus catches an unreachable Redis itself; the next renewal repairs what was missed.
            await (add ? _bus.PublishSessionAsync(entry) : _bus.RemoveSessionAsync(entry));
        }
    }
}
