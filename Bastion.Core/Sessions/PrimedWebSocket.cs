using System.Net.WebSockets;

namespace Bastion.Core.Sessions;

/// <summary>
/// A browser socket that waited in the <see cref="ConnectQueue"/> while a zero-byte read kept it alive (issue 12).
/// Nobody else reads a socket before its shell opens, and the server's WebSocket keep-alive aborts a socket whose pongs
/// go unread for <c>KeepAliveTimeout</c> (60 s): a queued browser would be dropped without a word. The zero-byte read
/// (as SignalR's transport does) consumes only control frames (pongs, pings, a close) and completes, without taking
/// any payload, when the client sends a message. A pending receive cannot be cancelled without aborting the socket,
/// so this wrapper hands it to the first reader: <see cref="ReceiveAsync(Memory{byte}, CancellationToken)"/> awaits it
/// before reading on. Everything else goes straight to the inner socket.
/// </summary>
internal sealed class PrimedWebSocket(WebSocket inner, Task<ValueWebSocketReceiveResult> primer) : WebSocket
{
    private Task<ValueWebSocketReceiveResult>? _primer = primer;

    /// <summary>Starts the zero-byte read on <paramref name="socket"/> (call before the wait; only one per socket).</summary>
    public static PrimedWebSocket Start(WebSocket socket) =>
        new(socket, socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None).AsTask());

    public override WebSocketCloseStatus? CloseStatus => inner.CloseStatus;

    public override string? CloseStatusDescription => inner.CloseStatusDescription;

    public override WebSocketState State => inner.State;

    public override string? SubProtocol => inner.SubProtocol;

    public override void Abort() => inner.Abort();

    public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        inner.CloseAsync(closeStatus, statusDescription, cancellationToken);

    public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        inner.CloseOutputAsync(closeStatus, statusDescription, cancellationToken);

    public override void Dispose() => inner.Dispose();

    public override async Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
    {
        var result = await ReceiveAsync(buffer.AsMemory(), cancellationToken);
        return result.MessageType == WebSocketMessageType.Close
            ? new WebSocketReceiveResult(0, WebSocketMessageType.Close, true, inner.CloseStatus, inner.CloseStatusDescription)
            : new WebSocketReceiveResult(result.Count, result.MessageType, result.EndOfMessage);
    }

    public override async ValueTask<ValueWebSocketReceiveResult> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _primer, null) is { } primer)
        {
            ValueWebSocketReceiveResult first;
            try
            {
                first = await primer.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (!primer.IsCompleted)
            {
                _primer = primer; // still pending: the next reader must wait for it too
                throw;
            }

            if (first.MessageType == WebSocketMessageType.Close)
            {
                return first; // the client closed while its connect waited
            }
        }

        return await inner.ReceiveAsync(buffer, cancellationToken);
    }

    public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
        inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);

    public override ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
        inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);

    public override ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, WebSocketMessageFlags messageFlags, CancellationToken cancellationToken) =>
        inner.SendAsync(buffer, messageType, messageFlags, cancellationToken);
}
