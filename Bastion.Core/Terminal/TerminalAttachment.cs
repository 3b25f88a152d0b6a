using System.Buffers;
using System.Net.WebSockets;

namespace Bastion.Core.Terminal;

/// <summary>
/// One browser socket attached to a <see cref="ShellSession"/>: its single writer (<see cref="TerminalSocket"/>), its
/// flow window, and the signals that end it. The session's output pump sends to it through <see cref="SendOutputAsync"/>,
/// which never throws for the browser's failures: it records them as <see cref="SendEnd"/> and signals
/// <see cref="Failed"/>, so a browser that goes away detaches without disturbing the session.
/// </summary>
internal sealed class TerminalAttachment : IDisposable
{
    private readonly TimeSpan _sendTimeout;
    private readonly ArrayBufferWriter<byte> _json;
    private readonly CancellationTokenSource _sends = new();
    private readonly TaskCompletionSource _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _takenOver = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TerminalAttachment(WebSocket webSocket, bool flowControl, TerminalOptions options)
    {
        Socket = new TerminalSocket(webSocket);
        Flow = flowControl ? new FlowWindow(options.FlowHighWater, options.FlowLowWater) : null;
        _sendTimeout = options.ClientSendTimeout;
        _json = new ArrayBufferWriter<byte>(); // grows with the first frames; an idle socket holds 256 bytes (issue 12)
    }

    public TerminalSocket Socket { get; }

    public FlowWindow? Flow { get; }

    /// <summary>Why sending to the browser failed (<see cref="OutputEnd.ClientTooSlow"/> or <see cref="OutputEnd.ClientLost"/>).</summary>
    public OutputEnd? SendEnd { get; private set; }

    /// <summary>Completes when a send to the browser failed.</summary>
    public Task Failed => _failed.Task;

    /// <summary>Completes when another controlling attachment took over.</summary>
    public Task TakenOver => _takenOver.Task;

    public void TakeOver() => _takenOver.TrySetResult();

    /// <summary>Completes when the attachment has finished with its socket (told the browser, closed, detached).</summary>
    public Task Done => _done.Task;

    public void MarkDone() => _done.TrySetResult();

    /// <summary>Stops any send in progress or to come (aborting the socket if a send is pending): after the browser
    /// has been told why, or when it is gone.</summary>
    public void StopSending()
    {
        try
        {
            _sends.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>Completes when the browser's flow window has room (at once without flow control), or when this
    /// attachment stops sending. Throws only when <paramref name="cancellationToken"/> is cancelled.</summary>
    public async ValueTask WaitForRoomAsync(CancellationToken cancellationToken)
    {
        if (Flow is null || SendEnd is not null)
        {
            return;
        }

        try
        {
            // The pump reads the attachment outside the session's gate, so it may already be gone (disposed).
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _sends.Token);
            await Flow.WaitForRoomAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>A message that must precede all output (ready, the screen snapshot): same failure handling as output.</summary>
    public async ValueTask SendRawAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _sends.Token);
        deadline.CancelAfter(_sendTimeout);
        await TrySendAsync(utf8Json, deadline, cancellationToken);
    }

    /// <summary>Sends one run of output, waiting for the browser's flow window first. Throws only when
    /// <paramref name="cancellationToken"/> (the session's) is cancelled.</summary>
    public async ValueTask SendOutputAsync(ReadOnlyMemory<char> text, CancellationToken cancellationToken)
    {
        if (SendEnd is not null)
        {
            return;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _sends.Token);
        if (Flow is not null)
        {
            try
            {
                // Paused flow control is not a slow client: no deadline here.
                await Flow.WaitForRoomAsync(linked.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }

        _json.ResetWrittenCount();
        TerminalProtocol.WriteOutput(_json, text.Span);

        // Counted before the send: a fast browser can render and acknowledge a message before SendAsync returns, and
        // an ack for output not yet counted would look like over-acknowledging and skew the window for good.
        Flow?.OnSent(text.Length);
        linked.CancelAfter(_sendTimeout);
        await TrySendAsync(_json.WrittenMemory, linked, cancellationToken);
    }

    private async ValueTask TrySendAsync(ReadOnlyMemory<byte> utf8Json, CancellationTokenSource deadline, CancellationToken cancellationToken)
    {
        // Recorded when the deadline fires, before the cancelled send aborts the socket: the input side then sees a
        // lost connection, and without this the session could not tell a browser that stopped reading from one that left.
        using var expired = deadline.Token.Register(() =>
        {
            if (!cancellationToken.IsCancellationRequested && !_sends.IsCancellationRequested)
            {
                Fail(OutputEnd.ClientTooSlow);
            }
        });
        try
        {
            await Socket.SendAsync(utf8Json, deadline.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (_sends.IsCancellationRequested)
        {
            // Stopped on purpose: the attachment is ending.
        }
        catch (OperationCanceledException)
        {
            Fail(OutputEnd.ClientTooSlow);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
        {
            Fail(OutputEnd.ClientLost);
        }
    }

    private void Fail(OutputEnd end)
    {
        SendEnd ??= end;
        _failed.TrySetResult();
    }

    public void Dispose()
    {
        _sends.Dispose();
        Socket.Dispose();
    }
}
