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
    private bool _writesNoticeLines = true;
    private CancellationTokenSource? _deadline;
    private CancellationToken _deadlineFor;
    private readonly CancellationTokenSource _sends = new();
    private readonly TaskCompletionSource _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _takenOver = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TerminalAttachment(WebSocket webSocket, bool flowControl, TerminalOptions options)
    {
        Socket = new TerminalSocket(webSocket);
        Flow = flowControl ? new FlowWindow(options.FlowHighWater, options.FlowLowWater) : null;
        _sendTimeout = options.ClientSendTimeout;
    }

    public TerminalSocket Socket { get; }

    public FlowWindow? Flow { get; }

    /// <summary>Whether a server notice is also written into this terminal as a <c>[bastion] ...</c> line: yes until
    /// the client says it shows notices itself (<c>{"flag":"notices"}</c>, issue 14), so a client that reads only
    /// output still sees the warning, and Bastion's page keeps it out of the terminal's text.</summary>
    public bool WritesNoticeLines => Volatile.Read(ref _writesNoticeLines);

    public void ShowNoticesOutsideTheTerminal() => Volatile.Write(ref _writesNoticeLines, false);

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
    public ValueTask WaitForRoomAsync(CancellationToken cancellationToken) =>
        Flow is null || SendEnd is not null || Flow.HasRoom ? ValueTask.CompletedTask : WaitForFlowAsync(cancellationToken);

    private async ValueTask WaitForFlowAsync(CancellationToken cancellationToken)
    {
        if (Flow is null)
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

        if (Flow is { HasRoom: false })
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _sends.Token);
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

        using var frame = OutputFrame.Encode(text.Span);

        // Counted before the send: a fast browser can render and acknowledge a message before SendAsync returns, and
        // an ack for output not yet counted would look like over-acknowledging and skew the window for good.
        Flow?.OnSent(text.Length);
        await SendWithDeadlineAsync(frame.Memory, cancellationToken);
    }

    /// <summary>
    /// One output frame, bounded by <see cref="TerminalOptions.ClientSendTimeout"/>, without a timer or a token source
    /// per frame (issue 12): Kestrel completes almost every send synchronously (its pipe has room), so the deadline is
    /// armed only when a send is still pending, on a linked source that is reset and kept for the next frame.
    /// </summary>
    private async ValueTask SendWithDeadlineAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        CancellationTokenSource deadline;
        ValueTask send;
        try
        {
            deadline = DeadlineFor(cancellationToken);
            send = Socket.SendAsync(frame, deadline.Token);
        }
        catch (ObjectDisposedException)
        {
            return; // the attachment is gone (the pump reads it outside the session's gate); nothing was sent
        }

        if (send.IsCompletedSuccessfully)
        {
            send.GetAwaiter().GetResult();
            return;
        }

        try
        {
            deadline.CancelAfter(_sendTimeout);
        }
        catch (ObjectDisposedException)
        {
            // Disposed with the attachment meanwhile: the send below still ends when its socket is aborted. It is
            // awaited either way, because the frame's pooled buffer must outlive the send.
        }

        try
        {
            await TrySendAsync(send, deadline, cancellationToken);
        }
        finally
        {
            Keep(deadline);
        }
    }

    /// <summary>A source whose deadline did not fire is reset for the next frame; one that fired (or was cancelled)
    /// is dropped.</summary>
    private void Keep(CancellationTokenSource deadline)
    {
        try
        {
            if (deadline.TryReset())
            {
                return;
            }
        }
        catch (ObjectDisposedException)
        {
            return; // disposed with the attachment
        }

        if (ReferenceEquals(_deadline, deadline))
        {
            _deadline = null;
        }

        deadline.Dispose();
    }

    /// <summary>The kept deadline source for <paramref name="cancellationToken"/> (the session's, the same for every
    /// frame), linked to it and to <see cref="StopSending"/>.</summary>
    private CancellationTokenSource DeadlineFor(CancellationToken cancellationToken)
    {
        if (_deadline is { } kept && _deadlineFor == cancellationToken)
        {
            return kept;
        }

        _deadline?.Dispose();
        _deadlineFor = cancellationToken;
        return _deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _sends.Token);
    }

    private ValueTask TrySendAsync(ReadOnlyMemory<byte> utf8Json, CancellationTokenSource deadline, CancellationToken cancellationToken) =>
        TrySendAsync(Socket.SendAsync(utf8Json, deadline.Token), deadline, cancellationToken);

    private async ValueTask TrySendAsync(ValueTask send, CancellationTokenSource deadline, CancellationToken cancellationToken)
    {
        // Recorded when the deadline fires, before the cancelled send aborts the socket: the input side then sees a
        // lost connection, and without this the session could not tell a browser that stopped reading from one that left.
        using var expired = RegisterExpiry(deadline, cancellationToken);
        try
        {
            await send;
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

    /// <summary>None if the source was disposed with the attachment (the send is then awaited without it).</summary>
    private CancellationTokenRegistration RegisterExpiry(CancellationTokenSource deadline, CancellationToken cancellationToken)
    {
        try
        {
            return deadline.Token.Register(() =>
            {
                if (!cancellationToken.IsCancellationRequested && !_sends.IsCancellationRequested)
                {
                    Fail(OutputEnd.ClientTooSlow);
                }
            });
        }
        catch (ObjectDisposedException)
        {
            return default;
        }
    }

    private void Fail(OutputEnd end)
    {
        SendEnd ??= end;
        _failed.TrySetResult();
    }

    public void Dispose()
    {
        _deadline?.Dispose();
        _sends.Dispose();
        Socket.Dispose();
    }
}
