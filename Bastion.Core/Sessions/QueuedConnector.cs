using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using Bastion.Core.Ssh;
using Bastion.Core.Terminal;
using Microsoft.Extensions.Options;

namespace Bastion.Core.Sessions;

/// <summary>
/// The session-opening path's connect: a turn in the <see cref="ConnectQueue"/>, then <see cref="SshConnector"/>
/// (issue 12). A browser that has to wait hears <c>{"flag":"status","status":"queued"}</c>, then
/// <c>"connecting"</c> when its handshake starts; <c>Ssh:ConnectTimeout</c> runs from there, not from the queue.
/// The socket is read meanwhile by the session (<see cref="PrimedWebSocket"/>), so the WebSocket keep-alive does not
/// drop it and a browser that leaves gives its place up.
/// </summary>
internal sealed class QueuedConnector(SshConnector connector, ConnectQueue queue, IOptions<ConnectQueueOptions> options)
{
    public const string Queued = "queued";
    public const string Connecting = "connecting";

    public async Task<SshConnectResult> ConnectAsync(
        WebSocket webSocket, SshTarget target, int cols, int rows, Encoding encoding, CancellationToken cancellationToken)
    {
        var host = string.Create(CultureInfo.InvariantCulture, $"{target.Address}:{target.Port}");
        using var turn = await queue.EnterAsync(
            host, () => TerminalSocket.TrySendAsync(webSocket, TerminalProtocol.Status(Queued)), cancellationToken);
        switch (turn.Outcome)
        {
            case ConnectTurnOutcome.QueueFull:
                return QueueFull(target.HostName);
            case ConnectTurnOutcome.TimedOut:
                return QueueTimedOut(target.HostName, options.Value.ConnectQueueTimeout);
        }

        if (turn.Waited)
        {
            await TerminalSocket.TrySendAsync(webSocket, TerminalProtocol.Status(Connecting));
        }

        return await connector.ConnectAsync(target, cols, rows, encoding, cancellationToken);
    }

    private static SshConnectResult QueueFull(string hostName)
    {
        var result = SshConnectResult.Failed(ConnectFailure.QueueFull, $"too many connections are waiting for {hostName}; try again in a moment");
        return result with { Args = ErrorArgs.Of(("host", hostName)) };
    }

    private static SshConnectResult QueueTimedOut(string hostName, TimeSpan timeout)
    {
        var seconds = timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        var result = SshConnectResult.Failed(
            ConnectFailure.QueueTimeout, $"{hostName} is busy: no connection slot came free within {seconds} s; try again in a moment");
        return result with { Args = ErrorArgs.Of(("host", hostName), ("seconds", seconds)) };
    }
}
