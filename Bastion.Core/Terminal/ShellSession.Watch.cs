using System.Net.WebSockets;

namespace Bastion.Core.Terminal;

internal sealed partial class ShellSession
{
    /// <summary>
    /// Runs one read-only socket watching the session until it leaves or the session ends: <c>ready</c> (an attach),
    /// the session's <c>size</c>, the current screen, then live output through its own bounded queue; input is refused
    /// with <c>read_only</c>. Everyone attached gets the participant list when it joins and leaves.
    /// </summary>
    public async Task<AttachmentEnd> WatchAsync(WebSocket webSocket, string user, bool mayType = false)
    {
        var watcher = new WatchAttachment(webSocket, user, _options, mayType);
        var input = new InputPump(watcher.Socket, _shell, _encoding, flow: null, tap: mayType ? _tap : null, resized: null, readOnly: !mayType, mayResize: false);
        using var stop = new CancellationTokenSource();
        Task<InputEnd> inputTask = Task.FromResult(InputEnd.Cancelled);
        var writer = Task.CompletedTask;
        var end = AttachmentEnd.Detached;
        var joined = false;
        try
        {
            // 1. Join inside the gate, so the snapshot and the live output that follows it line up.
            await _gate.WaitAsync();
            try
            {
                lock (_lock)
                {
                    if (!IsEnded)
                    {
                        watcher.EnqueueMessage(TerminalProtocol.Ready(_sessionId, attach: true, Recorded, RecordsInput), SnapshotLocked);
                        watcher.EnqueueSize(TerminalProtocol.Size(_cols, _rows), SnapshotLocked);
                        if (SnapshotLocked() is { Length: > 0 } screen)
                        {
                            watcher.EnqueueOutput(screen, SnapshotLocked);
                        }

                        _watchers.Add(watcher);
                        joined = true;
                    }
                }
            }
            finally
            {
                _gate.Release();
            }

            if (!joined)
            {
                end = AttachmentEnd.SessionEnded;
                await TellClientAsync(watcher.Socket, await _ending.Task, null);
                return end;
            }

            await BroadcastParticipantsAsync();

            // 2. Its writer drains its queue; its reader refuses input. Either ending, or the session's, ends it.
            writer = watcher.RunWriterAsync(stop.Token);
            inputTask = input.RunAsync(stop.Token);
            await Task.WhenAny(inputTask, writer, _ending.Task, watcher.Dropped);
            if (watcher.Dropped.IsCompleted && !_ending.Task.IsCompleted)
            {
                using var timeout = new CancellationTokenSource(_options.CloseTimeout);
                await watcher.Socket.TryEndAsync(ErrorCodes.InvitationEnded, "your invitation to this session was revoked or has expired", WebSocketCloseStatus.PolicyViolation, "invitation ended", timeout.Token);
                await WaitQuietlyAsync(inputTask, _options.CloseTimeout);
            }
            else if (_ending.Task.IsCompleted)
            {
                end = AttachmentEnd.SessionEnded;
                if (await TellClientAsync(watcher.Socket, _ending.Task.Result, null))
                {
                    await WaitQuietlyAsync(inputTask, _options.CloseTimeout);
                }
            }
            else if (inputTask.IsCompleted)
            {
                // The watcher left (close frame, {"flag":"end"}): answer its close; the session goes on.
                using var timeout = new CancellationTokenSource(_options.CloseTimeout);
                await watcher.Socket.TryCloseAsync(WebSocketCloseStatus.NormalClosure, "left", timeout.Token);
            }
        }
        finally
        {
            lock (_lock)
            {
                _watchers.Remove(watcher);
            }

            await stop.CancelAsync();
            await WaitQuietlyAsync(writer, Timeout.InfiniteTimeSpan);
            await WaitQuietlyAsync(inputTask, Timeout.InfiniteTimeSpan);
            await TerminalRelay.AwaitPeerCloseAsync(webSocket, _options.CloseTimeout);
            if (webSocket.State is not (WebSocketState.Closed or WebSocketState.Aborted))
            {
                webSocket.Abort();
            }

            watcher.Dispose();
        }

        if (joined && !IsEnded)
        {
            await BroadcastParticipantsAsync();
        }

        return end;
    }
}
