using StackExchange.Redis;

namespace Bastion.Core.Cluster;

/// <summary>Short-lived shared state (<c>state:{key}</c>, TTL = its lifetime) and the atomic session-cap reservation.</summary>
internal sealed partial class RedisBus
{
    /// <summary>
    /// Counts the user's sessions and, under the cap, lists the new one, in one step: Redis runs a script alone, so two
    /// nodes admitting the same user's last place cannot both see it free (issue 10). Counted: the ids this node passes
    /// (its own live sessions, authoritative even if their directory write is still queued) and the user's entries of
    /// other nodes whose lease is live; a lost node's sessions stop counting when its lease expires. Entries whose
    /// session hash is gone are dropped from the user's set on the way.
    /// KEYS: user set, session hash, node set. ARGV: node, session, user, host, limit, key prefix, local ids...
    /// </summary>
    private const string ReserveScript = """
        local counted = {}
        local n = 0
        for i = 7, #ARGV do
          if not counted[ARGV[i]] then counted[ARGV[i]] = true; n = n + 1 end
        end
        local alive = {}
        for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
          local node = redis.call('HGET', ARGV[6] .. 'session:' .. id, 'node')
          if not node then
            redis.call('SREM', KEYS[1], id)
          elseif node ~= ARGV[1] and not counted[id] then
            if alive[node] == nil then alive[node] = redis.call('EXISTS', ARGV[6] .. 'node:' .. node .. ':lease') == 1 end
            if alive[node] then counted[id] = true; n = n + 1 end
          end
        end
        if n >= tonumber(ARGV[5]) then return {0, n} end
        redis.call('HSET', KEYS[2], 'node', ARGV[1], 'user', ARGV[3], 'host', ARGV[4])
        redis.call('SADD', KEYS[3], ARGV[2])
        redis.call('SADD', KEYS[1], ARGV[2])
        return {1, n}
        """;

    public Task<bool> PutStateAsync(string key, string value, TimeSpan lifetime) =>
        TryAsync(() => Db.StringSetAsync(StateKey(key), value, lifetime), false);

    public Task<string?> GetStateAsync(string key) =>
        TryAsync(async () => (string?)await Db.StringGetAsync(StateKey(key)), null);

    public Task<string?> TakeStateAsync(string key) =>
        TryAsync(async () => (string?)await Db.StringGetDeleteAsync(StateKey(key)), null);

    public Task DeleteStateAsync(string key) => TryAsync(() => Db.KeyDeleteAsync(StateKey(key)), false);

    public Task<SlotReservation?> ReserveSessionAsync(LocalSessionEntry entry, IReadOnlyCollection<string> localSessionIds, int limit) =>
        TryAsync<SlotReservation?>(async () =>
        {
            var user = entry.UserId.ToString();
            RedisValue[] args =
            [
                NodeId, entry.SessionId, user, entry.HostId.ToString(), limit, Prefix,
                .. localSessionIds.Select(id => (RedisValue)id),
            ];
            var result = (RedisResult[])(await Db.ScriptEvaluateAsync(ReserveScript, [UserKey(user), SessionKey(entry.SessionId), NodeSessionsKey(NodeId)], args))!;
            return new SlotReservation((int)result[0] == 1, (int)result[1]);
        }, null);

    private static RedisKey StateKey(string key) => Prefix + "state:" + key;
}
