using System.Buffers;
using System.Net.WebSockets;
using System.Text;

namespace Bastion.Core.Terminal;

/// <summary>
/// Host → browser. Reads raw bytes from the <see cref="OutputBuffer"/>, decodes them with one stateful decoder per
/// session (a character split across reads is carried over, never garbled; invalid bytes become U+FFFD), coalesces
/// whatever is already buffered into one message, and respects the browser's flow window.
/// </summary>
internal sealed class OutputPump(
    TerminalSocket socket, OutputBuffer buffer, Encoding encoding, FlowWindow? flow, int maxBatchBytes, TimeSpan sendTimeout, ISessionTap? tap)
{
    private readonly Decoder _decoder = encoding.GetDecoder();

    public long BytesRelayed { get; private set; }

    /// <summary>Runs until the host side completes the buffer, the browser or the tap fails, or the token is
    /// cancelled, and says which; it does not throw for any of these.</summary>
    public async Task<OutputEnd> RunAsync(CancellationToken cancellationToken)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(maxBatchBytes);
        var chars = ArrayPool<char>.Shared.Rent(encoding.GetMaxCharCount(maxBatchBytes) + 2);
        var json = new ArrayBufferWriter<byte>(maxBatchBytes + 256);
        using var sendDeadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            while (true)
            {
                // Wait for the browser before taking more bytes: while we wait the buffer fills and stalls SSH.
                if (flow is not null)
                {
                    await flow.WaitForRoomAsync(cancellationToken).ConfigureAwait(false);
                }

                var n = await buffer.ReadAsync(bytes.AsMemory(0, maxBatchBytes), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    // Host closed: flush a trailing partial character as U+FFFD rather than dropping it silently.
                    var tail = _decoder.GetChars([], 0, 0, chars, 0, flush: true);
                    return await SendAsync(json, chars.AsMemory(0, tail), sendDeadline, cancellationToken).ConfigureAwait(false) ?? OutputEnd.HostClosed;
                }

                // Coalesce: a flood becomes a few large messages; a lone keystroke echo still goes out at once.
                int more;
                while (n < maxBatchBytes && (more = buffer.TryRead(bytes.AsSpan(n, maxBatchBytes - n))) > 0)
                {
                    n += more;
                }

                BytesRelayed += n;
                var count = _decoder.GetChars(bytes, 0, n, chars, 0, flush: false);
                if (await SendAsync(json, chars.AsMemory(0, count), sendDeadline, cancellationToken).ConfigureAwait(false) is { } end)
                {
                    return end;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return OutputEnd.Cancelled;
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
        {
            return OutputEnd.ClientLost;
        }
        catch (Exception)
        {
            // Not the browser and not a cancellation: the relay reports it as a host-side failure.
            return OutputEnd.Faulted;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>Sends one output message; null when it went out, else why the pump must stop.</summary>
    private async ValueTask<OutputEnd?> SendAsync(
        ArrayBufferWriter<byte> json, ReadOnlyMemory<char> text, CancellationTokenSource sendDeadline, CancellationToken cancellationToken)
    {
        if (text.IsEmpty)
        {
            return null;
        }

        if (tap is not null)
        {
            if (!tap.OnOutput(text.Span))
            {
                return OutputEnd.TapRefused;
            }

            await tap.WaitForRoomAsync(cancellationToken).ConfigureAwait(false);
        }

        json.ResetWrittenCount();
        TerminalProtocol.WriteOutput(json, text.Span);

        // Counted before the send: a fast browser can render and acknowledge a message before SendAsync returns, and
        // an ack for output not yet counted would look like over-acknowledging and skew the window for good.
        flow?.OnSent(text.Length);
        sendDeadline.CancelAfter(sendTimeout);
        try
        {
            await socket.SendAsync(json.WrittenMemory, sendDeadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return OutputEnd.ClientTooSlow;
        }

        sendDeadline.CancelAfter(Timeout.InfiniteTimeSpan);
        return null;
    }
}
