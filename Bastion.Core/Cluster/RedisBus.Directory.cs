using StackExchange.Redis;

namespace Bastion.Core.Cluster;

/// <summary>The session directory and the node leases.</summary>
internal sealed partial class RedisBus
{
    public Task PublishSessionAsync(LocalSessionEntry entry) => TryAsync(async () =>
    {
        await Publish(Db, entry);
        return true;
    }, false);

    public Task RemoveSessionAsync(LocalSessionEntry entry) => TryAsync(async () =>
    {
        await Forget(Db, NodeId, entry.SessionId, entry.UserId.ToString());
        return true;
    }, false);

    public Task<RemoteSession?> FindRemoteAsync(string sessionId) => TryAsync(async () =>
    {
        var fields = await Db.HashGetAsync(SessionKey(sessionId), ["node", "user", "host"]);
        if (fields[0].IsNullOrEmpty || (string?)fields[0] == NodeId
            || !Guid.TryParse((string?)fields[1], out var user) || !Guid.TryParse((string?)fields[2], out var host))
        {
            return null;
        }

        var node = (string)fields[0]!;
        var url = await Db.StringGetAsync(LeaseKey(node));
        return url.IsNullOrEmpty ? null : new RemoteSession(sessionId, node, (string)url!, user, host);
    }, (RemoteSession?)null);

    public Task<int> CountRemoteSessionsAsync(Guid userId) => TryAsync(async () =>
    {
        var count = 0;
        var live = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var id in await Db.SetMembersAsync(UserKey(userId.ToString())))
        {
            var node = (string?)await Db.HashGetAsync(SessionKey((string)id!), "node");
            if (node is null || node == NodeId)
            {
                continue;
            }

            if (!live.TryGetValue(node, out var alive))
            {
                live[node] = alive = await Db.KeyExistsAsync(LeaseKey(node));
            }

            count += alive ? 1 : 0;
        }

        return count;
    }, 0);

    public Task<IReadOnlySet<string>?> SessionsOfOtherNodesAsync() => TryAsync<IReadOnlySet<string>?>(async () =>
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in await Db.SetMembersAsync(Prefix + "nodes"))
        {
            if ((string?)node != NodeId)
            {
                ids.UnionWith((await Db.SetMembersAsync(NodeSessionsKey((string)node!))).Select(v => (string)v!));
            }
        }

        return ids;
    }, null);

    public Task<bool> RenewAsync(IReadOnlyList<LocalSessionEntry> local) => TryAsync(async () =>
    {
        var db = Db;
        await db.StringSetAsync(LeaseKey(NodeId), _nodeUrl, _cluster.Lease);
        await db.SetAddAsync(Prefix + "nodes", NodeId);
        var running = local.Select(e => e.SessionId).ToHashSet(StringComparer.Ordinal);
        var stale = (await db.SetMembersAsync(NodeSessionsKey(NodeId))).Select(v => (string)v!).Where(id => !running.Contains(id)).ToHashSet(StringComparer.Ordinal);

        // Only what was stale at the previous renewal too: a session admitted under a cap is listed by the reservation
        // script before this node's registry holds it, so one renewal's snapshot may miss it (issue 10).
        foreach (var id in stale.Where(_staleAtLastRenewal.Contains).ToList())
        {
            await Forget(db, NodeId, id, (string?)await db.HashGetAsync(SessionKey(id), "user"));
            stale.Remove(id);
        }

        _staleAtLastRenewal = stale;

        foreach (var entry in local)
        {
            await Publish(db, entry);
        }

        return true;
    }, false);

    public Task<IReadOnlyList<LostNode>> ClaimLostNodesAsync() => TryAsync<IReadOnlyList<LostNode>>(async () =>
    {
        var db = Db;
        var lost = new List<LostNode>();
        foreach (var member in await db.SetMembersAsync(Prefix + "nodes"))
        {
            var node = (string)member!;
            if (node == NodeId || await db.KeyExistsAsync(LeaseKey(node))
                || !await db.StringSetAsync(Prefix + "reap:" + node, NodeId, TimeSpan.FromMinutes(1), When.NotExists))
            {
                continue;
            }

            lost.Add(new LostNode(node, [.. (await db.SetMembersAsync(NodeSessionsKey(node))).Select(v => (string)v!)]));
        }

        return lost;
    }, []);

    public Task ForgetNodeAsync(LostNode node) => TryAsync(async () =>
    {
        var db = Db;
        foreach (var id in node.SessionIds)
        {
            await Forget(db, node.NodeId, id, (string?)await db.HashGetAsync(SessionKey(id), "user"));
        }

        await db.KeyDeleteAsync(NodeSessionsKey(node.NodeId));
        await db.SetRemoveAsync(Prefix + "nodes", node.NodeId);
        return true;
    }, false);

    private static RedisKey SessionKey(string sessionId) => Prefix + "session:" + sessionId;

    private static RedisKey NodeSessionsKey(string nodeId) => Prefix + "node:" + nodeId + ":sessions";

    private static RedisKey UserKey(string userId) => Prefix + "user:" + userId + ":sessions";

    private static RedisKey LeaseKey(string nodeId) => Prefix + "node:" + nodeId + ":lease";

    private async Task Publish(IDatabase db, LocalSessionEntry entry)
    {
        await db.HashSetAsync(SessionKey(entry.SessionId),
            [new("node", NodeId), new("user", entry.UserId.ToString()), new("host", entry.HostId.ToString())]);
        await db.SetAddAsync(NodeSessionsKey(NodeId), entry.SessionId);
        await db.SetAddAsync(UserKey(entry.UserId.ToString()), entry.SessionId);
    }

    private static async Task Forget(IDatabase db, string nodeId, string sessionId, string? userId)
    {
        // Only the node named in the entry removes it: a stale remove never deletes another node's fresh entry.
        if ((string?)await db.HashGetAsync(SessionKey(sessionId), "node") is { } owner && owner == nodeId)
        {
            await db.KeyDeleteAsync(SessionKey(sessionId));
        }

        await db.SetRemoveAsync(NodeSessionsKey(nodeId), sessionId);
        if (userId is not null)
        {
            await db.SetRemoveAsync(UserKey(userId), sessionId);
        }
    }
}
