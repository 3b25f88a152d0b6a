using System.Net.WebSockets;
using Bastion.Core.Terminal;

namespace Bastion.Core.Live;

/// <summary>
/// Runs a relay that access revocation can end with its own words: an <c>access_revoked</c> error and close 1008
/// (docs/PROTOCOL.md), instead of the relay's generic "server stopping". The relay gets a muted-on-revoke view of the
/// socket and a token that is cancelled only after the revocation frames were sent, so nothing it sends can follow
/// them.
/// </summary>
internal static class RevocableRelay
{
    public const string Message = "your access to this host was revoked";

    public static async Task<RelayResult> RunAsync(
        WebSocket webSocket, Func<WebSocket, CancellationToken, Task<RelayResult>> relay, TimeSpan closeTimeout, CancellationToken accessRevoked, CancellationToken cancellationToken)
    {
        if (!accessRevoked.CanBeCanceled)
        {
            return await relay(webSocket, cancellationToken).ConfigureAwait(false);
        }

        using var relayCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var watcherStop = new CancellationTokenSource();
        var muted = new MutableWebSocket(webSocket);
        var watcher = EndOnRevocationAsync(webSocket, muted, relayCts, closeTimeout, accessRevoked, watcherStop.Token);
        RelayResult result;
        try
        {
            result = await relay(muted, relayCts.Token).ConfigureAwait(false);
        }
        finally
        {
            await watcherStop.CancelAsync().ConfigureAwait(false);
            await watcher.ConfigureAwait(false);
        }

        return accessRevoked.IsCancellationRequested ? result with { Outcome = RelayOutcome.Cancelled, Detail = "access revoked" } : result;
    }

    /// <summary>For a session whose access went away before its relay started (while connecting).</summary>
    public static Task RefuseAsync(WebSocket webSocket) =>
        TerminalSocket.TryEndAsync(webSocket, ErrorCodes.AccessRevoked, Message, WebSocketCloseStatus.PolicyViolation, "access revoked");

    private static async Task EndOnRevocationAsync(
        WebSocket webSocket, MutableWebSocket muted, CancellationTokenSource relayCts, TimeSpan closeTimeout, CancellationToken accessRevoked, CancellationToken stop)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(accessRevoked, stop);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        if (!accessRevoked.IsCancellationRequested || stop.IsCancellationRequested)
        {
            return;
        }

        // 1. Silence the relay, 2. say why on the real socket (WebSocket serialises this after any frame in flight),
        // 3. give the browser a moment to answer the close, which ends the relay by itself with the socket cleanly
        //    closed (cancelling at once makes the relay abort the socket, and an abort with unread input becomes a TCP
        //    reset that can swallow the close frame), 4. stop the relay if it has not ended by then.
        muted.Mute();
        await RefuseAsync(webSocket).ConfigureAwait(false);
        try
        {
            await Task.Delay(closeTimeout, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return; // the relay ended: the browser answered the close
        }

        await relayCts.CancelAsync().ConfigureAwait(false);
    }
}
