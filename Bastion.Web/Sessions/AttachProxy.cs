using System.Net.WebSockets;
using Bastion.Core.Cluster;
using Bastion.Core.Terminal;
using Microsoft.Extensions.Options;

namespace Bastion.Web.Sessions;

/// <summary>
/// Attaching through a node that does not run the session (issue 10): this node connects a WebSocket to the owning
/// node's <c>/ws/sessions/{id}</c> (at its <c>Cluster:NodeUrl</c>, vouched for by <see cref="NodeCredentials"/>) and
/// only when the owner accepts it upgrades the browser and copies frames both ways, close codes included. So the
/// owner's rules, snapshot, flow control and endings apply unchanged, and the browser never needs sticky routing.
/// <para>Buffer policy: one frame fragment of at most <see cref="FragmentBytes"/> per direction is in flight; the next
/// receive waits for the send, so each side's pace reaches the other (the owner's flow window still governs).</para>
/// </summary>
internal sealed partial class AttachProxy(NodeCredentials credentials, IOptions<TerminalOptions> terminal, ILogger<AttachProxy> logger)
{
    public const int FragmentBytes = 64 * 1024;

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    /// <summary>False when the owner refused or could not be reached (the caller answers as for an unknown session).</summary>
    public async Task<bool> TryProxyAsync(HttpContext context, RemoteSession remote, Guid userId, string mode, bool flow, string? clientAddress)
    {
        var target = new UriBuilder(remote.NodeUrl)
        {
            Scheme = remote.NodeUrl.StartsWith("https:", StringComparison.OrdinalIgnoreCase) ? "wss" : "ws",
            Path = "/ws/sessions/" + Uri.EscapeDataString(remote.SessionId),
            Query = $"mode={Uri.EscapeDataString(mode)}{(flow ? "&flow=1" : "")}",
        }.Uri;
        using var upstream = new ClientWebSocket();
        upstream.Options.SetRequestHeader(NodeCredentials.Header, credentials.Sign(remote.SessionId, mode, userId, clientAddress));
        upstream.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
        using (var connect = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted))
        {
            connect.CancelAfter(ConnectTimeout);
            try
            {
                await upstream.ConnectAsync(target, connect.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or HttpRequestException or OperationCanceledException)
            {
                LogOwnerRefused(remote.SessionId, remote.NodeId, ex.Message);
                return false;
            }
        }

        using var browser = await context.WebSockets.AcceptWebSocketAsync();
        LogProxying(remote.SessionId, remote.NodeId);
        var toOwner = CopyAsync(browser, upstream);
        var toBrowser = CopyAsync(upstream, browser);
        await Task.WhenAny(toOwner, toBrowser);

        // One side closed or failed: let the other finish its close handshake, bounded, then drop both.
        await Task.WhenAny(Task.WhenAll(toOwner, toBrowser), Task.Delay(terminal.Value.CloseTimeout + TimeSpan.FromSeconds(1)));
        browser.Abort();
        upstream.Abort();
        return true;
    }

    private static async Task CopyAsync(WebSocket from, WebSocket to)
    {
        var buffer = new byte[FragmentBytes];
        try
        {
            while (true)
            {
                var received = await from.ReceiveAsync(buffer, CancellationToken.None);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    if (to.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    {
                        await to.CloseOutputAsync(received.CloseStatus ?? WebSocketCloseStatus.NormalClosure, received.CloseStatusDescription, CancellationToken.None);
                    }

                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The other side went away without a close; the caller aborts both.
        }
    }

    [LoggerMessage(EventId = 1720, Level = LogLevel.Information, Message = "Proxying an attach to session {SessionId} on node {NodeId}")]
    private partial void LogProxying(string sessionId, string nodeId);

    [LoggerMessage(EventId = 1721, Level = LogLevel.Warning, Message = "The owner of session {SessionId}, node {NodeId}, refused or could not take the attach: {Reason}")]
    private partial void LogOwnerRefused(string sessionId, string nodeId, string reason);
}
