using System.Net.WebSockets;

namespace Bastion.Core.Terminal;

internal sealed partial class ShellSession
{
    /// <summary>
    /// Runs one browser socket as the controlling attachment until it goes away, is taken over, or the session ends.
    /// The first call starts the shell (a fresh session); later calls are attaches and get the current screen first.
    /// Returns <see cref="AttachmentEnd.Detached"/> when the session went on without this socket.
    /// </summary>
    public async Task<AttachmentEnd> AttachAsync(WebSocket webSocket, bool flowControl, bool sendReady, string user = "")
    {
        var attachment = new TerminalAttachment(webSocket, flowControl, _options);
        var input = new InputPump(attachment.Socket, _shell, _encoding, attachment.Flow, _tap, Resized, showsNotices: attachment.ShowNoticesOutsideTheTerminal);
        using var inputStop = new CancellationTokenSource();
        Task<InputEnd> inputTask = Task.FromResult(InputEnd.Cancelled);
        var end = AttachmentEnd.SessionEnded;
        try
        {
            // 1. Take over: an earlier controlling socket is told and leaves (which frees the pump if it is stuck
            //    sending to it), then this one joins inside the gate, after ready and the screen.
            lock (_lock)
            {
                _control?.TakeOver();
            }

            var fresh = Interlocked.Exchange(ref _started, 1) == 0;
            await _gate.WaitAsync();
            try
            {
                string? snapshot = null;
                lock (_lock)
                {
                    if (!IsEnded)
                    {
                        _control?.TakeOver();
                        _control = attachment;
                        _controlUser = user;
                        _graceTimer?.Dispose();
                        _graceTimer = null;
                        DetachedSince = null;
                        snapshot = fresh ? null : _screen?.Snapshot();
                    }
                }

                if (sendReady && !IsEnded)
                {
                    await attachment.SendRawAsync(TerminalProtocol.Ready(_sessionId, attach: !fresh, Recorded, RecordsInput), _stopPump.Token);
                }

                if (!string.IsNullOrEmpty(snapshot))
                {
                    await attachment.SendOutputAsync(snapshot.AsMemory(), _stopPump.Token);
                }
            }
            finally
            {
                _gate.Release();
            }

            if (fresh)
            {
                Start();
            }
            else
            {
                await BroadcastParticipantsAsync();
            }

            // 2. Relay input until something ends this socket.
            inputTask = input.RunAsync(inputStop.Token);
            await Task.WhenAny(inputTask, attachment.Failed, attachment.TakenOver, _ending.Task);

            // 3. Decide: the session ended, another socket took over, or this socket went away (detach or end).
            var inputEnd = inputTask.IsCompleted ? (inputTask.IsCompletedSuccessfully ? inputTask.Result : InputEnd.ConnectionLost) : (InputEnd?)null;
            SessionEnding? tell = null;
            if (_ending.Task.IsCompleted)
            {
                tell = _ending.Task.Result;
            }
            else if (attachment.TakenOver.IsCompleted)
            {
                end = AttachmentEnd.TakenOver;
                tell = SessionEnding.Outside(ErrorCodes.TakenOver, "the session was opened in another window", TakenOverStatus, "taken over", "taken_over");
            }
            else if (_grace == TimeSpan.Zero || inputEnd is InputEnd.ClientClosed or InputEnd.MessageTooBig or InputEnd.EndRequested)
            {
                var (outcome, detail) = TerminalRelay.Decide(attachment.SendEnd, inputEnd, null, false);
                End(inputEnd == InputEnd.EndRequested ? SessionEnding.EndedByUser : SessionEnding.Of(outcome, detail));
                tell = _ending.Task.Result;
            }
            else
            {
                end = AttachmentEnd.Detached;
            }

            // 4. Tell the browser why, if it can still hear it; after our close, let it answer before we stop reading.
            if (await TellClientAsync(attachment.Socket, tell, inputEnd))
            {
                await WaitQuietlyAsync(inputTask, _options.CloseTimeout);
            }
        }
        finally
        {
            // 5. Stop this socket's sends (freeing the pump), leave the session (starting the grace if it goes on),
            //    stop reading, and finish the close handshake or abort.
            attachment.StopSending();
            await inputStop.CancelAsync();
            await _gate.WaitAsync();
            try
            {
                lock (_lock)
                {
                    if (_control == attachment)
                    {
                        _control = null;
                        if (!IsEnded)
                        {
                            DetachedSince = _time.GetUtcNow();
                            _graceTimer = _time.CreateTimer(_ => End(SessionEnding.DetachedTimeout), null, _grace, Timeout.InfiniteTimeSpan);
                        }
                    }
                }
            }
            finally
            {
                _gate.Release();
            }

            await WaitQuietlyAsync(inputTask, Timeout.InfiniteTimeSpan);
            Interlocked.Add(ref _bytesFromClient, input.BytesRelayed);
            await TerminalRelay.AwaitPeerCloseAsync(webSocket, _options.CloseTimeout);
            if (webSocket.State is not (WebSocketState.Closed or WebSocketState.Aborted))
            {
                webSocket.Abort();
            }

            attachment.MarkDone();
            attachment.Dispose();
        }

        if (!IsEnded)
        {
            await BroadcastParticipantsAsync();
        }

        return end;
    }

    /// <summary>Says why this socket ends; true when a close frame was sent (so the browser's answer is worth waiting for).</summary>
    private async Task<bool> TellClientAsync(TerminalSocket socket, SessionEnding? ending, InputEnd? inputEnd)
    {
        using var timeout = new CancellationTokenSource(_options.CloseTimeout);
        switch (ending?.Outcome)
        {
            case null when inputEnd == InputEnd.ClientWentAway:
                // Detached by a close frame: complete the handshake; the session goes on.
                await socket.TryCloseAsync(WebSocketCloseStatus.NormalClosure, "detached", timeout.Token);
                return false;
            case null:
                return false;
            case RelayOutcome.Cancelled when ending.Code is null:
                await socket.TryCloseAsync(ending.Status, ending.Detail ?? "session ended", timeout.Token);
                return true;
            case RelayOutcome.Cancelled:
                await socket.TryEndAsync(ending.Code, ending.Message ?? ending.Code, ending.Status, ending.Detail ?? ending.Code, timeout.Token);
                return true;
            case RelayOutcome.RecorderFailed:
                await socket.TryEndAsync(ErrorCodes.RecorderFailed, "the session recording could not keep up, so the session was ended to keep the audit complete", WebSocketCloseStatus.InternalServerError, "recorder failed", timeout.Token);
                return true;
            case RelayOutcome.HostFailed:
                await socket.TryEndAsync(ErrorCodes.HostError, $"connection to the host was lost: {ending.Detail}", WebSocketCloseStatus.InternalServerError, "host connection lost", timeout.Token,
                    ending.Detail is null ? null : ErrorArgs.Of(("error", ending.Detail)));
                return true;
            case RelayOutcome.HostUnresponsive:
                await socket.TryEndAsync(ErrorCodes.HostUnresponsive, $"{ending.Detail}; the session was ended", WebSocketCloseStatus.InternalServerError, "host unresponsive", timeout.Token);
                return true;
            case RelayOutcome.HostClosed:
                await socket.TryCloseAsync(WebSocketCloseStatus.NormalClosure, "shell exited", timeout.Token);
                return true;
            case RelayOutcome.ClientClosed:
                await socket.TryCloseAsync(WebSocketCloseStatus.NormalClosure, "closed by client", timeout.Token);
                return false;
            default:
                // ClientLost, ClientTooSlow (its send was cancelled, which aborts the socket), MessageTooBig (closed already).
                return false;
        }
    }
}
