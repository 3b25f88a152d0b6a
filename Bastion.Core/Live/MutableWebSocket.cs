using System.Net.WebSockets;

namespace Bastion.Core.Live;

/// <summary>
/// Passes everything to the inner socket until <see cref="Mute"/>; from then on sends and closes are dropped. Lets the
/// session say "access revoked" with its own error and close 1008 while the relay, unaware, goes through its usual
/// shutdown (its own error and close frames land here and go nowhere). Receives always pass through, so the relay
/// still sees the browser's close reply.
/// </summary>
internal sealed class MutableWebSocket(WebSocket inner) : WebSocket
{
    private volatile bool _muted;

    public override WebSocketCloseStatus? CloseStatus => inner.CloseStatus;

    public override string? CloseStatusDescription => inner.CloseStatusDescription;

    public override WebSocketState State => inner.State;

    public override string? SubProtocol => inner.SubProtocol;

    public void Mute() => _muted = true;

    public override void Abort() => inner.Abort();

    public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        _muted ? Task.CompletedTask : inner.CloseAsync(closeStatus, statusDescription, cancellationToken);

    public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        _muted ? Task.CompletedTask : inner.CloseOutputAsync(closeStatus, statusDescription, cancellationToken);

    public override Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken) =>
        inner.ReceiveAsync(buffer, cancellationToken);

    public override ValueTask<ValueWebSocketReceiveResult> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        inner.ReceiveAsync(buffer, cancellationToken);

    public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
        _muted ? Task.CompletedTask : inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);

    public override ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
        _muted ? ValueTask.CompletedTask : inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);

    // The session owns the inner socket and disposes it.
    public override void Dispose()
    {
    }
}
