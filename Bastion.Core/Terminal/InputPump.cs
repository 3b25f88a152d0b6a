using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using Bastion.Core.Telemetry;

namespace Bastion.Core.Terminal;

/// <summary>
/// Browser → host. The only reader of the socket: validates every message before acting on it; a bad message gets an
/// <c>error</c> reply and the session goes on. Never waits for output, so keystrokes (Ctrl+C above all) reach the
/// shell while output is paused.
/// </summary>
internal sealed class InputPump(
    TerminalSocket socket, IShellChannel shell, Encoding encoding, FlowWindow? flow, ISessionTap? tap, Action<int, int>? resized = null,
    bool readOnly = false, bool mayResize = true, Action? showsNotices = null)
{
    /// <summary>The receive buffer an idle socket holds (issue 12: memory per session). A longer message (a paste)
    /// grows it, doubling up to <see cref="TerminalLimits.MaxClientMessageBytes"/>, for that message only.</summary>
    public const int SmallMessageBytes = 4096;

    public long BytesRelayed { get; private set; }

    public async Task<InputEnd> RunAsync(CancellationToken cancellationToken)
    {
        var message = ArrayPool<byte>.Shared.Rent(SmallMessageBytes);
        try
        {
            while (true)
            {
                if (message.Length > SmallMessageBytes)
                {
                    ArrayPool<byte>.Shared.Return(message);
                    message = ArrayPool<byte>.Shared.Rent(SmallMessageBytes);
                }

                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == message.Length)
                    {
                        if (length >= TerminalLimits.MaxClientMessageBytes)
                        {
                            await socket.TryCloseAsync(WebSocketCloseStatus.MessageTooBig, "message over 64 KiB", cancellationToken);
                            return InputEnd.MessageTooBig;
                        }

                        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(message.Length * 2, TerminalLimits.MaxClientMessageBytes));
                        message.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(message);
                        message = larger;
                    }

                    var room = Math.Min(message.Length, TerminalLimits.MaxClientMessageBytes) - length;
                    result = await socket.WebSocket.ReceiveAsync(message.AsMemory(length, room), cancellationToken);
                    length += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    // 1000 means "done" (today's clients close that way when the user leaves the terminal); anything
                    // else (1001 on reload or navigation, no status) lets the session outlive the socket.
                    return socket.WebSocket.CloseStatus == WebSocketCloseStatus.NormalClosure ? InputEnd.ClientClosed : InputEnd.ClientWentAway;
                }

                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    await socket.TrySendErrorAsync(ErrorCodes.BadMessage, "binary frames are not accepted; send JSON text", cancellationToken);
                    continue;
                }

                var parsed = TerminalProtocol.Parse(message.AsSpan(0, length));
                if (parsed.Kind == ClientMessageKind.End)
                {
                    return InputEnd.EndRequested;
                }

                await HandleAsync(parsed, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return InputEnd.Cancelled;
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            return InputEnd.ConnectionLost;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(message);
        }
    }

    private async ValueTask HandleAsync(ClientMessage message, CancellationToken cancellationToken)
    {
        if (readOnly)
        {
            // A watcher: nothing it sends reaches the shell. Acks are ignored (watchers are not flow-controlled).
            if (message.Kind is ClientMessageKind.Input or ClientMessageKind.Resize)
            {
                await socket.TrySendErrorAsync(ErrorCodes.ReadOnly, "you are watching this session: input and resizes are not accepted", cancellationToken);
            }
            else if (message.Kind == ClientMessageKind.Invalid)
            {
                await SendInvalidAsync(message, cancellationToken);
            }

            return;
        }

        switch (message.Kind)
        {
            case ClientMessageKind.Input:
                // Keystrokes go out in the host's charset (UTF-8 unless the host is a legacy GBK/Big5/... machine).
                tap?.OnInput(message.Data);
                await WriteInputAsync(message.Data ?? "", cancellationToken);
                break;
            case ClientMessageKind.Resize when !mayResize:
                // An invited helper renders at the owner's size (the "size" message); its own size is not the PTY's.
                break;
            case ClientMessageKind.Resize:
                shell.Resize(message.Cols, message.Rows);
                tap?.OnResize(message.Cols, message.Rows);
                resized?.Invoke(message.Cols, message.Rows);
                break;
            case ClientMessageKind.Notices:
                showsNotices?.Invoke();
                break;
            case ClientMessageKind.Ack when flow is null:
                await socket.TrySendErrorAsync(ErrorCodes.BadMessage, "'ack' needs flow control: open the socket with ?flow=1", cancellationToken);
                break;
            case ClientMessageKind.Ack:
                if (!flow!.OnAck(message.Bytes))
                {
                    await socket.TrySendErrorAsync(ErrorCodes.BadMessage, "'ack' acknowledged more output than was sent", cancellationToken);
                }

                break;
            default:
                await SendInvalidAsync(message, cancellationToken);
                break;
        }
    }

    /// <summary>Why a message was refused; a size out of bounds names the bounds (issue 14).</summary>
    private ValueTask SendInvalidAsync(ClientMessage message, CancellationToken cancellationToken) =>
        socket.TrySendErrorAsync(message.ErrorCode ?? ErrorCodes.BadMessage, message.Error ?? "invalid message", cancellationToken,
            message.ErrorCode == ErrorCodes.BadSize ? TerminalLimits.SizeArgs : null);

    /// <summary>Keystrokes go out in the host's charset; the encoded bytes are rented for this message only.</summary>
    private async ValueTask WriteInputAsync(string data, CancellationToken cancellationToken)
    {
        var encoded = ArrayPool<byte>.Shared.Rent(encoding.GetMaxByteCount(data.Length));
        try
        {
            var n = encoding.GetBytes(data, encoded);
            if (n > 0)
            {
                await shell.WriteInputAsync(encoded.AsMemory(0, n), cancellationToken);
                BytesRelayed += n;
                BastionInstruments.BytesRelayed.Add(n, BastionInstruments.DirectionIn);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(encoded);
        }
    }
}
