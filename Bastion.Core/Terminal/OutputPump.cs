using System.Text;
using Bastion.Core.Telemetry;

namespace Bastion.Core.Terminal;

/// <summary>
/// Host → attachments. Reads raw bytes from the <see cref="OutputBuffer"/>, decodes them with one stateful decoder per
/// session (a character split across reads is carried over, never garbled; invalid bytes become U+FFFD), coalesces
/// whatever is already buffered into one run of text, shows it to the tap (the recorder), and hands it to
/// <c>deliver</c> (the session: screen model and the controlling attachment, whose flow window paces this loop).
/// </summary>
internal sealed class OutputPump(
    OutputBuffer buffer, Encoding encoding, int maxBatchBytes, ISessionTap? tap, Func<ReadOnlyMemory<char>, CancellationToken, ValueTask> deliver,
    Func<CancellationToken, ValueTask>? waitForRoom = null)
{
    private readonly Decoder _decoder = encoding.GetDecoder();

    public long BytesRelayed { get; private set; }

    /// <summary>Runs until the host side completes the buffer, the tap refuses output, or the token is cancelled, and
    /// says which; it does not throw for any of these.</summary>
    public async Task<OutputEnd> RunAsync(CancellationToken cancellationToken)
    {
        var end = await PumpAsync(cancellationToken);

        // The pump often runs inline on SSH.NET's receive thread (OutputBuffer's wake); whoever awaits its end tears
        // the session down, which disposes the SSH client and waits for that very thread. Leave it first.
        await Task.Yield();
        return end;
    }

    private async Task<OutputEnd> PumpAsync(CancellationToken cancellationToken)
    {
        var maxChars = encoding.GetMaxCharCount(maxBatchBytes) + 2;
        try
        {
            while (true)
            {
                // Wait for the browser before taking more bytes: while we wait the buffer fills and stalls SSH, and the
                // next read takes a full batch (waiting after the read would send many small messages instead).
                if (waitForRoom is not null)
                {
                    await waitForRoom(cancellationToken);
                }

                // The batch buffers are rented only while there is output to move (issue 12: an idle session holds none).
                await buffer.WaitForDataAsync(cancellationToken);
                var bytes = RelayBuffers.Bytes.Rent(maxBatchBytes);
                var chars = RelayBuffers.Chars.Rent(maxChars);
                try
                {
                    if (await MoveBatchAsync(bytes, chars, cancellationToken) is { } end)
                    {
                        return end;
                    }
                }
                finally
                {
                    RelayBuffers.Bytes.Return(bytes);
                    RelayBuffers.Chars.Return(chars);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return OutputEnd.Cancelled;
        }
        catch (Exception)
        {
            // Not a cancellation (attachments report their own socket failures): a host-side failure.
            return OutputEnd.Faulted;
        }
    }

    /// <summary>Takes what is buffered (at most one batch), decodes and delivers it; null while the pump goes on.</summary>
    private async ValueTask<OutputEnd?> MoveBatchAsync(byte[] bytes, char[] chars, CancellationToken cancellationToken)
    {
        var n = buffer.TryRead(bytes.AsSpan(0, maxBatchBytes));
        if (n == 0)
        {
            // Host closed: flush a trailing partial character as U+FFFD rather than dropping it silently.
            var tail = _decoder.GetChars([], 0, 0, chars, 0, flush: true);
            return await DeliverAsync(chars.AsMemory(0, tail), cancellationToken) ?? OutputEnd.HostClosed;
        }

        // Coalesce: a flood becomes a few large messages; a lone keystroke echo still goes out at once.
        int more;
        while (n < maxBatchBytes && (more = buffer.TryRead(bytes.AsSpan(n, maxBatchBytes - n))) > 0)
        {
            n += more;
        }

        BytesRelayed += n;
        BastionInstruments.BytesRelayed.Add(n, BastionInstruments.DirectionOut);
        var count = _decoder.GetChars(bytes, 0, n, chars, 0, flush: false);
        return await DeliverAsync(chars.AsMemory(0, count), cancellationToken);
    }

    /// <summary>Null when the text was delivered, else why the pump must stop.</summary>
    private async ValueTask<OutputEnd?> DeliverAsync(ReadOnlyMemory<char> text, CancellationToken cancellationToken)
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

            await tap.WaitForRoomAsync(cancellationToken);
        }

        await deliver(text, cancellationToken);
        return null;
    }
}
