using System.Net.WebSockets;
using Bastion.Core.Terminal;

namespace Bastion.Core.Sessions;

/// <summary>
/// A browser socket that is read from the moment its session starts opening until the session's input pump takes
/// over (issue 12). Nobody else reads a socket before its shell opens, and that can take minutes in a login burst:
/// the audit append and the recording are made first, then the connect may wait in the <see cref="ConnectQueue"/>,
/// then the handshake runs. Unread, the socket is lost twice over: the server's WebSocket keep-alive aborts a socket
/// whose pongs go unread for <c>KeepAliveTimeout</c> (60 s), so a waiting browser was dropped without a word; and a
/// browser that left was not noticed, so its connect kept its place in the queue and used a handshake nobody would
/// see. So a pre-reader receives what the client sends meanwhile (its first resize, keystrokes typed early; pongs
/// are handled inside the receive) into a bounded list, and the first reader afterwards (the input pump) gets those
/// fragments first, in order, then the socket itself; <see cref="ClientGone"/> fires when the browser closes or
/// drops the socket meanwhile. A pending receive cannot be cancelled without aborting the socket, so the hand-over
/// waits for the pre-reader's receive in flight instead. Policy at the bound: after <see cref="MaxBufferedBytes"/> the
/// pre-reader stops (a client that sends that much before its shell exists may then be dropped by the keep-alive).
/// Everything else goes straight to the inner socket.
/// </summary>
internal sealed class PrimedWebSocket : WebSocket
{
    public const int MaxBufferedBytes = 64 * 1024;

    private readonly WebSocket _inner;
    private readonly Lock _lock = new();
    private readonly Queue<(WebSocketMessageType Type, byte[] Data, bool End)> _fragments = new();
    private readonly CancellationTokenSource _gone = new();
    private readonly Task _preReader;
    private (byte[] Data, int Offset, WebSocketMessageType Type, bool End)? _current;
    private volatile bool _handedOver;

    private PrimedWebSocket(WebSocket inner)
    {
        _inner = inner;
        _preReader = PreReadAsync();
    }

    /// <summary>Starts reading <paramref name="socket"/> (nobody else may read it until the session's reader takes over
    /// through the returned socket).</summary>
    public static PrimedWebSocket Start(WebSocket socket) => new(socket);

    /// <summary>How a session ends whose browser left before its shell opened: nobody can attach to it (the browser
    /// never heard its id), so it ends, and its place in the connect queue goes to the next one.</summary>
    public static readonly SessionEnding ClientLeft = SessionEnding.Of(RelayOutcome.ClientClosed, "the browser left before the shell opened");

    /// <summary>Cancelled when the browser closed or dropped the socket before the input pump took over: a session
    /// still opening for it can stop.</summary>
    public CancellationToken ClientGone => _gone.Token;

    /// <summary><see cref="ClientLeft"/> once the browser has gone (see <see cref="ClientGone"/>), else null: the one
    /// value both the cancelled connect and the refusal read.</summary>
    public SessionEnding? Left => _gone.IsCancellationRequested ? ClientLeft : null;

    public override WebSocketCloseStatus? CloseStatus => _inner.CloseStatus;

    public override string? CloseStatusDescription => _inner.CloseStatusDescription;

    public override WebSocketState State => _inner.State;

    public override string? SubProtocol => _inner.SubProtocol;

    public override void Abort() => _inner.Abort();

    public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        _inner.CloseAsync(closeStatus, statusDescription, cancellationToken);

    public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        _inner.CloseOutputAsync(closeStatus, statusDescription, cancellationToken);

    public override void Dispose()
    {
        _inner.Dispose();
        _gone.Dispose();
    }

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
                return await _inner.ReceiveAsync(buffer, cancellationToken); // a dropped socket throws here
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
        try
        {
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
                    SignalGone();
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The socket dropped (or was disposed when the request ended). The next reader's receive on the inner
            // socket reports it in its own words.
            SignalGone();
        }
    }

    private void SignalGone()
    {
        try
        {
            _gone.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Disposed with the request: nobody waits any more.
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
