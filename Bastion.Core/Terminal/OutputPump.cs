using System.Buffers;
using System.Text;

namespace Bastion.Core.Terminal;

/// <summary>
/// Host → browser. Reads raw bytes from the <see cref="OutputBuffer"/>, decodes them with one stateful decoder per
/// session (a character split across reads is carried over, never garbled; invalid bytes become U+FFFD), coalesces
/// whatever is already buffered into one message, and respects the browser's flow window.
/// </summary>
internal sealed class OutputPump(TerminalSocket socket, OutputBuffer buffer, Encoding encoding, FlowWindow? flow, int maxBatchBytes, ISessionTap? tap)
{
    private readonly Decoder _decoder = encoding.GetDecoder();

    public long BytesRelayed { get; private set; }

    /// <summary>True when the tap refused output (the recorder fell behind) and the pump stopped because of it.</summary>
    public bool TapRefused { get; private set; }

    /// <summary>Runs until the host side completes the buffer (returns normally) or the token is cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(maxBatchBytes);
        var chars = ArrayPool<char>.Shared.Rent(encoding.GetMaxCharCount(maxBatchBytes) + 2);
        var json = new ArrayBufferWriter<byte>(maxBatchBytes + 256);
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
                    await SendAsync(json, chars.AsMemory(0, tail), cancellationToken).ConfigureAwait(false);
                    return;
                }

                // Coalesce: a flood becomes a few large messages; a lone keystroke echo still goes out at once.
                int more;
                while (n < maxBatchBytes && (more = buffer.TryRead(bytes.AsSpan(n, maxBatchBytes - n))) > 0)
                {
                    n += more;
                }

                BytesRelayed += n;
                var count = _decoder.GetChars(bytes, 0, n, chars, 0, flush: false);
                await SendAsync(json, chars.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private async ValueTask SendAsync(ArrayBufferWriter<byte> json, ReadOnlyMemory<char> text, CancellationToken cancellationToken)
    {
        if (text.IsEmpty)
        {
            return;
        }

        if (tap is not null && !tap.OnOutput(text.Span))
        {
            TapRefused = true;
            throw new OperationCanceledException("the session tap refused output");
        }

        json.ResetWrittenCount();
        TerminalProtocol.WriteOutput(json, text.Span);
        await socket.SendAsync(json.WrittenMemory, cancellationToken).ConfigureAwait(false);
        flow?.OnSent(text.Length);
    }
}
