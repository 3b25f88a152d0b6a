using System.Net.WebSockets;

namespace Bastion.Core.Sessions;

/// <summary>
/// A browser socket that is read while its connect waits in the <see cref="ConnectQueue"/> (issue 12). Nobody else
/// reads a socket before its shell opens, and the server's WebSocket keep-alive aborts a socket whose pongs go unread
/// for <c>KeepAliveTimeout</c> (60 s): a queued browser would be dropped without a word. So a pre-reader receives
/// what the client sends meanwhile (its first resize, keystrokes typed early; pongs are handled inside the receive)
/// into a bounded list, and the first reader afterwards (the input pump) gets those fragments first, in order, then
/// the socket itself. A pending receive cannot be cancelled without aborting the socket, so the hand-over waits for
/// the pre-reader's receive in flight instead. Policy at the bound: after <see cref="MaxBufferedBytes"/> the
/// pre-reader stops (a client that sends that much before its shell exists may then be dropped by the keep-alive).
/// Everything else goes straight to the inner socket.
/// </summary>
internal sealed class PrimedWebSocket : WebSocket
{
    public const int MaxBufferedBytes = 64 * 1024;

    private readonly WebSocket _inner;
    private readonly Lock _lock = new();
    private readonly Queue<(WebSocketMessageType Type, byte[] Data, bool End)> _fragments = new();
    private readonly Task _preReader;
    private (byte[] Data, int Offset, WebSocketMessageType Type, bool End)? _current;
    private volatile bool _handedOver;

    private PrimedWebSocket(WebSocket inner)
    {
        _inner = inner;
        _preReader = PreReadAsync();
    }

    /// <summary>Starts reading <paramref name="socket"/> (before the wait; nobody else may read it until the session's
    /// reader takes over through the returned socket).</summary>
    public static PrimedWebSocket Start(WebSocket socket) => new(socket);

    public override WebSocketCloseStatus? CloseStatus => _inner.CloseStatus;

    public override string? CloseStatusDescription => _inner.CloseStatusDescription;

    public override WebSocketState State => _inner.State;

    public override string? SubProtocol => _inner.SubProtocol;

    public override void Abort() => _inner.Abort();

    public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        _inner.CloseAsync(closeStatus, statusDescription, cancellationToken);

    public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        _inner.CloseOutputAsync(closeStatus, statusDescription, cancellationToken);

    public override void Dispose() => _inner.Dispose();

    public override async Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
    {
        var result = await ReceiveAsync(buffer.AsMemory(), cancellationToken);
        return result.MessageType == WebSocketMessageType.Close
            ? new WebSocketReceiveResult(0, WebSocketMessageType.Close, true, _inner.CloseStatus, _inner.CloseStatusDescription)
            : new WebSocketReceiveResult(result.Count, result.MessageType, result.EndOfMessage);
    }

    public override async ValueTask<ValueWebSocketReceiveResult> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        _handedOver = true; // the pre-reader starts no new receive from now on
        while (true)
        {
            if (TakeBuffered(buffer.Span) is { } buffered)
            {
                return buffered;
            }

            if (_preReader.IsCompleted)
            {
                await _preReader; // rethrows the pre-reader's failure (the socket is gone) once nothing is buffered
                return await _inner.ReceiveAsync(buffer, cancellationToken);
            }

            await _preReader.WaitAsync(cancellationToken).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
        _inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);

    public override ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
        _inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);

    public override ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, WebSocketMessageFlags messageFlags, CancellationToken cancellationToken) =>
        _inner.SendAsync(buffer, messageType, messageFlags, cancellationToken);

    private async Task PreReadAsync()
    {
        var scratch = new byte[4096];
        var total = 0;
        while (!_handedOver && total < MaxBufferedBytes)
        {
            var result = await _inner.ReceiveAsync(scratch.AsMemory(), CancellationToken.None);
            lock (_lock)
            {
                _fragments.Enqueue((result.MessageType, scratch.AsSpan(0, result.Count).ToArray(), result.EndOfMessage));
            }

            total += result.Count;
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }
        }
    }

    /// <summary>Copies from the buffered fragments into <paramref name="destination"/>; null when none is left.</summary>
    private ValueWebSocketReceiveResult? TakeBuffered(Span<byte> destination)
    {
        lock (_lock)
        {
            if (_current is null)
            {
                if (!_fragments.TryDequeue(out var next))
                {
                    return null;
                }

                _current = (next.Data, 0, next.Type, next.End);
            }

            var (data, offset, type, end) = _current.Value;
            if (type == WebSocketMessageType.Close)
            {
                _current = null;
                return new ValueWebSocketReceiveResult(0, WebSocketMessageType.Close, true);
            }

            var n = Math.Min(destination.Length, data.Length - offset);
            data.AsSpan(offset, n).CopyTo(destination);
            var done = offset + n == data.Length;
            _current = done ? null : (data, offset + n, type, end);
            return new ValueWebSocketReceiveResult(n, type, done && end);
        }
    }
}
