using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Bastion.Core.Cluster;

/// <summary>
/// The bus through Redis (<c>Bus:Redis</c>). Keys (all under <c>bastion:</c>): <c>ticket:{hash}</c> (TTL = ticket
/// lifetime, taken with GETDEL), <c>session:{id}</c> (hash: node, user, host), <c>node:{id}:sessions</c> and
/// <c>user:{id}:sessions</c> (sets), <c>node:{id}:lease</c> (the node's URL, TTL = <c>Cluster:Lease</c>), <c>nodes</c> (set),
/// <c>reap:{node}</c> (who ends a lost node's sessions), <c>limit:{key}</c> (fixed-window counters), <c>state:{kind}:{key}</c>
/// (short-lived shared state: sign-in steps, step-up times, invitations; TTL = its lifetime). Channels:
/// <c>node:{id}</c> (commands to that node), <c>recheck</c> (every node re-checks access now).
/// Commands fail fast while Redis is unreachable (no backlog): each method catches that and answers "not shared".
/// </summary>
internal sealed partial class RedisBus : IClusterBus, IDisposable
{
    private const string Prefix = "bastion:";
    private static readonly RedisChannel RecheckChannel = RedisChannel.Literal(Prefix + "recheck");

    private readonly ConnectionMultiplexer _redis;
    private readonly ClusterOptions _cluster;
    private readonly ILogger<RedisBus> _logger;
    private string _nodeUrl = "";

    /// <summary>Directory entries of this node that its registry did not hold at the last renewal (one renewal loop).</summary>
    private HashSet<string> _staleAtLastRenewal = new(StringComparer.Ordinal);

    public RedisBus(IOptions<BusOptions> bus, IOptions<ClusterOptions> cluster, ILogger<RedisBus> logger)
    {
        _cluster = cluster.Value;
        _logger = logger;
        NodeId = _cluster.NodeId is { Length: > 0 } id ? id : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var options = ConfigurationOptions.Parse(bus.Value.Redis!);
        options.AbortOnConnectFail = false; // start (and keep serving) while Redis is down; reconnect in the background
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = 2000;
        options.SyncTimeout = 2000;
        options.AsyncTimeout = 2000;
        options.ClientName = "bastion-" + NodeId;
        _redis = ConnectionMultiplexer.Connect(options);
    }

    public bool IsClustered => true;

    public string NodeId { get; }

    private IDatabase Db => _redis.GetDatabase();

    public void SetNodeUrl(string url) => _nodeUrl = url;

    public void Subscribe(Func<NodeCommand, Task> onCommand, Action onRecheck)
    {
        var subscriber = _redis.GetSubscriber();
        SubscribeOrDefer(subscriber, NodeChannel(NodeId), (channel, message) =>
        {
            NodeCommand? command = null;
            try
            {
                command = JsonSerializer.Deserialize<NodeCommand>(message.ToString());
            }
            catch (JsonException ex)
            {
                LogBadCommand(ex);
            }

            if (command is not null)
            {
                _ = RunCommandAsync(onCommand, command);
            }
        });
        SubscribeOrDefer(subscriber, RecheckChannel, (_, _) => onRecheck());
    }

    public Task<bool> PutTicketAsync(string key, string value, TimeSpan lifetime) =>
        TryAsync(() => Db.StringSetAsync(Prefix + "ticket:" + key, value, lifetime), false);

    public Task<string?> TakeTicketAsync(string key) =>
        TryAsync(async () => (string?)await Db.StringGetDeleteAsync(Prefix + "ticket:" + key), null);

    public Task<bool> SendAsync(string nodeId, NodeCommand command) =>
        TryAsync(async () => await _redis.GetSubscriber().PublishAsync(NodeChannel(nodeId), JsonSerializer.Serialize(command)) > 0, false);

    public Task BroadcastRecheckAsync() => TryAsync(() => _redis.GetSubscriber().PublishAsync(RecheckChannel, "1"), 0L);

    public Task<long?> CountInWindowAsync(string key, TimeSpan window) => TryAsync<long?>(async () =>
    {
        var name = Prefix + "limit:" + key;
        var count = await Db.StringIncrementAsync(name);
        if (count == 1)
        {
            await Db.KeyExpireAsync(name, window);
        }

        return count;
    }, null);

    public void Dispose() => _redis.Dispose();

    private static RedisChannel NodeChannel(string nodeId) => RedisChannel.Literal(Prefix + "node:" + nodeId);

    /// <summary>With Redis unreachable when the node starts, SUBSCRIBE fails fast; the handlers are registered with the
    /// multiplexer all the same, and it subscribes them when it connects (so the node starts and serves its own state,
    /// as with every other call here).</summary>
    private void SubscribeOrDefer(ISubscriber subscriber, RedisChannel channel, Action<RedisChannel, RedisValue> handler)
    {
        try
        {
            subscriber.Subscribe(channel, handler);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogSubscribeDeferred(channel.ToString(), ex.GetType().Name);
        }
    }

    private async Task RunCommandAsync(Func<NodeCommand, Task> onCommand, NodeCommand command)
    {
        try
        {
            await onCommand(command);
        }
        catch (Exception ex)
        {
            LogCommandFailed(command.Kind, command.SessionId, ex);
        }
    }

    private async Task<T> TryAsync<T>(Func<Task<T>> call, T unreachable)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogUnreachable(ex.GetType().Name, ex.Message);
            return unreachable;
        }
    }

    [LoggerMessage(EventId = 1700, Level = LogLevel.Warning, Message = "Redis is unreachable ({Kind}: {Message}); serving from this node's own state")]
    private partial void LogUnreachable(string kind, string message);

    [LoggerMessage(EventId = 1703, Level = LogLevel.Warning, Message = "Redis is unreachable ({Kind}): subscribing to {Channel} when it connects")]
    private partial void LogSubscribeDeferred(string channel, string kind);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Warning, Message = "Ignored a malformed command on this node's channel")]
    private partial void LogBadCommand(Exception exception);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Error, Message = "A {Kind} command for session {SessionId} failed")]
    private partial void LogCommandFailed(string kind, string sessionId, Exception exception);
}
