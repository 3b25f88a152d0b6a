using System.Net.WebSockets;
using System.Text;

namespace Bastion.Core.Terminal;

/// <summary>
/// One terminal session between one browser WebSocket and a shell, ending when either ends (no detach grace): a
/// <see cref="ShellSession"/> with one attachment. <see cref="Decide"/> is the table that turns how each side stopped
/// into the session's outcome. The shell channel owns the SSH connection and closes it when disposed.
/// </summary>
internal static class TerminalRelay
{
    public static async Task<RelayResult> RunAsync(
        WebSocket webSocket, IShellChannel shell, TerminalOptions options, Encoding encoding, bool flowControl, ISessionTap? tap,
        CancellationToken cancellationToken, Func<SessionEnding?>? endedBecause = null)
    {
        using var session = new ShellSession("", shell, options, encoding, tap, screen: null, TimeSpan.Zero, TimeProvider.System);

        // Not linked into the pumps: cancelling a pending WebSocket receive aborts the socket, and a session ended from
        // outside (kill, revocation, shutdown) must still be able to tell the browser why. The token ends the session
        // through its one End; the attachment tells the browser, and only then are the pumps cancelled.
        using var stop = cancellationToken.Register(() => session.End(endedBecause?.Invoke() ?? SessionEnding.ServerStopping));
        var attached = session.AttachAsync(webSocket, flowControl, sendReady: false);
        var result = await session.RunAsync();
        await attached;
        return result;
    }

    /// <summary>
    /// How the session ended, from what each pump said when the race was decided (null: still running). A stop from
    /// outside wins; then the output side, which knows about the recorder, a browser that stopped reading and the host;
    /// then the input side, which knows how the browser left.
    /// </summary>
    internal static (RelayOutcome Outcome, string? Detail) Decide(OutputEnd? output, InputEnd? input, string? shellFailure, bool stoppedFromOutside, bool hostUnresponsive = false)
    {
        if (stoppedFromOutside)
        {
            return (RelayOutcome.Cancelled, null);
        }

        switch (output)
        {
            case OutputEnd.TapRefused:
                return (RelayOutcome.RecorderFailed, "the session recorder fell behind");
            case OutputEnd.ClientTooSlow:
                return (RelayOutcome.ClientTooSlow, "the browser stopped reading output");
            case OutputEnd.HostClosed:
                return shellFailure is null ? (RelayOutcome.HostClosed, null) : (HostFailure(hostUnresponsive), shellFailure);
            case OutputEnd.Faulted:
                return (HostFailure(hostUnresponsive), shellFailure ?? "output relay failed");
        }

        // The output side stopped because the browser went away, or is still running: the input side says how.
        return input switch
        {
            InputEnd.ClientClosed or InputEnd.ClientWentAway or InputEnd.EndRequested => (RelayOutcome.ClientClosed, null),
            InputEnd.MessageTooBig => (RelayOutcome.ClientMessageTooBig, null),
            _ => (RelayOutcome.ClientLost, null),
        };
    }

    /// <summary>A silent host (the SSH socket's silence bound fired, see <c>SshNetInternals.BoundSilence</c>) is told
    /// apart from a host that failed otherwise.</summary>
    private static RelayOutcome HostFailure(bool hostUnresponsive) =>
        hostUnresponsive ? RelayOutcome.HostUnresponsive : RelayOutcome.HostFailed;

    /// <summary>After our close frame, read until the peer's close (or the timeout), so that aborting the socket does
    /// not discard a close frame still on its way out (RFC 6455 §7.1.1: the server closes TCP after the handshake).</summary>
    internal static async Task AwaitPeerCloseAsync(WebSocket webSocket, TimeSpan timeout)
    {
        if (webSocket.State != WebSocketState.CloseSent)
        {
            return;
        }

        using var deadline = new CancellationTokenSource(timeout);
        var scratch = new byte[1024];
        try
        {
            while (webSocket.State == WebSocketState.CloseSent)
            {
                await webSocket.ReceiveAsync(scratch, deadline.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }
}
