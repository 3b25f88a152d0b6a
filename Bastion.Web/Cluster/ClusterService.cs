using Bastion.Core.Cluster;
using Bastion.Core.Recording;
using Bastion.Core.Sessions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Cluster;

/// <summary>
/// A clustered node's life in the directory (issue 10): once Kestrel listens it subscribes to its command channel and
/// the re-check broadcast, then every <see cref="ClusterOptions.RenewInterval"/> renews its lease, republishes its
/// sessions, and ends the sessions of any node whose lease expired (<c>session.ended reason=node_lost</c>, recordings
/// finalised as far as they reached storage), one claimer per lost node.
/// </summary>
internal sealed partial class ClusterService(
    IClusterBus bus, ClusterSessionRegistry registry, InProcessSessionRegistry local, IServiceScopeFactory scopes, IServer server,
    IHostApplicationLifetime lifetime, IOptions<ClusterOptions> options, TimeProvider time, ILogger<ClusterService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled()))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var url = options.Value.NodeUrl is { Length: > 0 } configured ? configured : ListeningUrl();
        bus.SetNodeUrl(url);
        bus.Subscribe(RunCommandAsync, local.RequestRecheck);
        LogJoined(bus.NodeId, url);
        var reachable = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var renewed = await bus.RenewAsync(registry.LocalEntries());
                if (renewed != reachable)
                {
                    reachable = renewed;
                    LogBusState(renewed ? "reachable again: lease renewed, sessions republished" : "unreachable: sessions keep running here; cross-node attach, kill and caps wait for it");
                }

                if (renewed)
                {
                    await EndLostNodesAsync(stoppingToken);
                }

                await Task.Delay(options.Value.RenewInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRoundFailed(ex);
            }
        }
    }

    private async Task EndLostNodesAsync(CancellationToken cancellationToken)
    {
        foreach (var lost in await bus.ClaimLostNodesAsync())
        {
            await using var scope = scopes.CreateAsyncScope();
            var recovery = scope.ServiceProvider.GetRequiredService<SessionRecovery>();
            var ended = lost.SessionIds.Count == 0 ? 0 : await recovery.EndOpenAsync(
                lost.SessionIds, SessionRecovery.NodeLostReason, $"node {lost.NodeId} stopped renewing its lease; ended by node {bus.NodeId}", cancellationToken);
            await bus.ForgetNodeAsync(lost);
            LogNodeLost(lost.NodeId, ended);
        }
    }

    private async Task RunCommandAsync(NodeCommand command)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SessionActions>().RunCommandAsync(command, CancellationToken.None);
    }

    private string ListeningUrl()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:8080";
        return address.Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal);
    }

    [LoggerMessage(EventId = 1710, Level = LogLevel.Information, Message = "Joined the cluster as node {NodeId} at {Url}")]
    private partial void LogJoined(string nodeId, string url);

    [LoggerMessage(EventId = 1711, Level = LogLevel.Warning, Message = "The bus is {State}")]
    private partial void LogBusState(string state);

    [LoggerMessage(EventId = 1712, Level = LogLevel.Warning, Message = "Node {NodeId} was lost; ended {Count} of its sessions as node_lost")]
    private partial void LogNodeLost(string nodeId, int count);

    [LoggerMessage(EventId = 1713, Level = LogLevel.Error, Message = "A lease round failed; the next one tries again")]
    private partial void LogRoundFailed(Exception exception);
}
