using System.Diagnostics;
using System.Net.WebSockets;
using Bastion.Core.Audit;
using Bastion.Core.Recording;
using Bastion.Core.Screen;
using Bastion.Core.Ssh;
using Bastion.Core.Terminal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bastion.Core.Sessions;

/// <summary>
/// Starts sessions and attaches browser sockets to them. A new session: register it, audit and record it, connect
/// (verifying the host key), then attach the first socket and run the session's lifetime (which outlives sockets:
/// <see cref="LiveSession.Completion"/>). An attach: the socket joins a running session and gets its screen.
/// </summary>
internal sealed partial class TerminalSession(
    QueuedConnector connector, SessionAuditor auditor, ISessionRegistry registry, SessionInvitations invitations, IOptions<TerminalOptions> options,
    TimeProvider time, ILogger<TerminalSession> logger, SessionLimitGuard limits)
{
    public async Task RunAsync(WebSocket webSocket, TerminalSessionRequest request, CancellationToken stopping)
    {
        using var scope = BeginScope(request);

        // Read the socket from now until the input pump takes over: the keep-alive's pongs are read, early input is
        // kept, and a browser that leaves while its session opens is noticed (issue 12).
        var primed = PrimedWebSocket.Start(webSocket);
        webSocket = primed;

        // 0. The session exists (killable, revocable) from now on; session.started is committed and the recording
        //    exists before any connection opens (issue #4): a session that cannot be audited is refused.
        var live = new LiveSession(request);
        if (await limits.AdmitAsync(webSocket, live) is not { } limitWatch)
        {
            return; // refused: too many sessions (issue 9), audited and told
        }

        ActiveSession audited;
        try
        {
            audited = await auditor.BeginAsync(live.Facts, stopping);
        }
        catch (Exception ex)
        {
            registry.Remove(live);
            live.Dispose();
            LogAuditFailed(ex);
            if (StorageFaults.IsStorageFull(ex))
            {
                var full = SessionEnding.StorageFull;
                await TerminalSocket.TryEndAsync(webSocket, ErrorCodes.StorageFull, "the server's disk is full, so the session cannot be recorded and is refused; ask an admin to free space", full.Status, full.Detail!);
                return;
            }

            await TerminalSocket.TryEndAsync(webSocket, ErrorCodes.AuditUnavailable, "the audit log cannot be written, so sessions are refused; ask an admin to check the server", WebSocketCloseStatus.InternalServerError, ErrorCodes.AuditUnavailable);
            return;
        }

        // 1. Connect; the host key is verified before any credential is sent.
        var encoding = TerminalEncodings.Get(request.Charset);
        SshConnectResult connected;
        using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(stopping, live.EndedWhileConnecting, primed.ClientGone))
        {
            var handshake = Stopwatch.GetTimestamp();
            try
            {
                connected = await connector.ConnectAsync(webSocket, request.Target, request.Cols, request.Rows, encoding, connecting.Token);
            }
            catch (OperationCanceledException) when (live.EarlyEnding is not null)
            {
                connected = SshConnectResult.Failed(ConnectFailure.Cancelled, live.EarlyEnding.Message ?? "the session was ended");
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                connected = SshConnectResult.Failed(ConnectFailure.Cancelled, "the session was ended by the server (shutdown or an administrator); reconnect if allowed");
            }
            catch (OperationCanceledException) when (primed.Left is { } gone)
            {
                connected = SshConnectResult.Failed(ConnectFailure.Cancelled, gone.Detail!);
            }

            HandshakeMetrics.Record(connected.Failure, Stopwatch.GetElapsedTime(handshake));
        }

        // 2. The session takes the shell, unless it was ended (kill, revocation) while connecting.
        var shell = connected.Shell is null ? null : new ShellSession(
            request.SessionId, connected.Shell, options.Value, encoding, limitWatch.Tap(audited.Recorder), new ScreenTracker(request.Cols, request.Rows),
            options.Value.DetachedGrace, time, request.Cols, request.Rows)
        {
            Recorded = true, // every session is recorded (Core/Recording); a refused recorder refuses the session
            RecordsInput = request.RecordInput,
        };

        // A full disk ends the session with its true reason before the relay sees the refused output (issue 13).
        if (shell is not null)
        {
            audited.Recorder.WhenFailed(failure =>
            {
                if (failure == RecorderFailure.StorageFull)
                {
                    shell.End(SessionEnding.StorageFull);
                }
            });
        }

        var left = primed.Left; // read once: the refusal says what the check saw
        if (shell is null || left is not null || !live.Bind(shell))
        {
            if (connected.Shell is not null)
            {
                await connected.Shell.DisposeAsync();
            }

            await RefuseAsync(webSocket, live, connected, audited, left);
            return;
        }

        LogConnected(request.Target.UserName, request.Target.Address, request.Target.Port, request.FlowControl);

        // 3. The lifetime runs on its own (awaited by whoever waits for this session: shutdown, this request);
        //    the first socket attaches and starts the shell.
        live.Completion = RunLifetimeAsync(live, shell, audited, limitWatch);
        var end = await shell.AttachAsync(webSocket, request.FlowControl, sendReady: true, request.UserName);
        if (end == AttachmentEnd.Detached)
        {
            LogDetached();
            await auditor.AuditAttachmentAsync(AuditEventTypes.SessionDetached, live.Facts, request.UserName, "control", request.ClientAddress);
            return;
        }

        await live.Completion;
    }

    /// <summary>Attaches another socket of the owner's to a running session: its current screen, then live output.</summary>
    public async Task AttachAsync(WebSocket webSocket, LiveSession live, bool flowControl, string user, string? clientAddress)
    {
        using var scope = BeginScope(live.Request);
        var shell = live.Shell;
        if (shell is null || shell.IsEnded)
        {
            await TerminalSocket.TryEndAsync(webSocket, ErrorCodes.HostError, "the session has ended", WebSocketCloseStatus.NormalClosure, "session ended");
            return;
        }

        await auditor.AuditAttachmentAsync(AuditEventTypes.SessionAttached, live.Facts, user, "control", clientAddress);
        LogAttached();
        var end = await shell.AttachAsync(webSocket, flowControl, sendReady: true, user);
        if (end is AttachmentEnd.Detached or AttachmentEnd.TakenOver)
        {
            LogDetached();
            await auditor.AuditAttachmentAsync(AuditEventTypes.SessionDetached, live.Facts, user, "control", clientAddress);
            return;
        }

        await live.Completion;
    }

    /// <summary>Joins a running session beside its owner: its screen, then live output; read-only (admins, auditors,
    /// invited watchers) or, for an invited helper (<paramref name="mayType"/>), with input too.</summary>
    public async Task WatchAsync(WebSocket webSocket, LiveSession live, string user, string? clientAddress, bool mayType = false)
    {
        using var scope = BeginScope(live.Request);
        if (live.Shell is not { IsEnded: false } shell)
        {
            await TerminalSocket.TryEndAsync(webSocket, ErrorCodes.HostError, "the session has ended", WebSocketCloseStatus.NormalClosure, "session ended");
            return;
        }

        var mode = mayType ? "type" : "watch";
        await auditor.AuditAttachmentAsync(AuditEventTypes.SessionAttached, live.Facts, user, mode, clientAddress);
        var end = await shell.WatchAsync(webSocket, user, mayType);
        if (end == AttachmentEnd.Detached)
        {
            await auditor.AuditAttachmentAsync(AuditEventTypes.SessionDetached, live.Facts, user, mode, clientAddress);
        }
    }

    private async Task RunLifetimeAsync(LiveSession live, ShellSession shell, ActiveSession audited, SessionLimitWatch limitWatch)
    {
        var result = await limitWatch.RunAsync(shell); // the shell's run, under its idle and duration clocks
        registry.Remove(live);
        invitations.EndSession(live.Id);
        LogEnded(result.Outcome, result.BytesFromHost, result.BytesFromClient, result.Detail);

        // Complete the recording, then session.ended with its hash.
        await auditor.EndAsync(audited, result, await shell.Ending);
        live.Dispose();
    }

    /// <summary><paramref name="left"/>: <see cref="PrimedWebSocket.Left"/>, when the browser left while its session was opening.</summary>
    private async Task RefuseAsync(WebSocket webSocket, LiveSession live, SshConnectResult connected, ActiveSession audited, SessionEnding? left)
    {
        registry.Remove(live);
        SessionEnding ending;
        if (left is not null && live.EarlyEnding is null)
        {
            LogClientLeft();
            ending = left;
        }
        else if (live.EarlyEnding is { } early)
        {
            // Ended while connecting (issue #3: access went away; or a kill): the browser hears the real reason.
            ending = early;
            await TerminalSocket.TryEndAsync(webSocket, early.Code ?? ErrorCodes.ServerStopping, early.Message ?? "the session was ended", early.Status, early.Detail ?? "ended");
        }
        else
        {
            LogConnectFailed(live.Request.Target.UserName, live.Request.Target.Address, live.Request.Target.Port, connected.Failure);
            var (code, status) = connected.Failure switch
            {
                ConnectFailure.HostKeyUnpinned => (ErrorCodes.HostKeyUnpinned, WebSocketCloseStatus.PolicyViolation),
                ConnectFailure.HostKeyMismatch => (ErrorCodes.HostKeyMismatch, WebSocketCloseStatus.PolicyViolation),
                ConnectFailure.AuthFailed => (ErrorCodes.AuthFailed, WebSocketCloseStatus.InternalServerError),
                ConnectFailure.Unreachable => (ErrorCodes.Unreachable, WebSocketCloseStatus.InternalServerError),
                ConnectFailure.Cancelled => (ErrorCodes.ServerStopping, WebSocketCloseStatus.EndpointUnavailable),
                ConnectFailure.QueueFull => (ErrorCodes.ConnectQueueFull, CloseCodes.TryAgainLater),
                ConnectFailure.QueueTimeout => (ErrorCodes.ConnectQueueTimeout, CloseCodes.TryAgainLater),
                _ => (ErrorCodes.HostError, WebSocketCloseStatus.InternalServerError),
            };
            // The values the message was made from go with it, so the browser words it in the user's language (issue 14).
            var failure = connected.Detail is { } detail ? new CodedFailure(detail.Code, detail.Args) : null;
            await TerminalSocket.TryEndAsync(webSocket, code, connected.Message ?? "connection failed", status, code, connected.Args, failure);
            var outcome = connected.Failure == ConnectFailure.Cancelled ? RelayOutcome.Cancelled : RelayOutcome.HostFailed;
            ending = SessionEnding.Of(outcome, connected.Message ?? connected.Failure.ToString());
        }

        await auditor.EndAsync(audited, new RelayResult(ending.Outcome, 0, 0, null, ending.Detail), ending);
        live.Dispose();
    }

    private IDisposable? BeginScope(TerminalSessionRequest request) => logger.BeginScope(new Dictionary<string, object>
    {
        ["SessionId"] = request.SessionId,
        ["User"] = request.UserName,
        ["HostId"] = request.HostId,
    });

    [LoggerMessage(EventId = 1107, Level = LogLevel.Information, Message = "The browser left before the shell opened; the session ends")]
    private partial void LogClientLeft();

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Connected to {Login}@{Address}:{Port} (flow control: {FlowControl})")]
    private partial void LogConnected(string login, string address, int port, bool flowControl);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Could not open a shell on {Login}@{Address}:{Port}: {Failure}")]
    private partial void LogConnectFailed(string login, string address, int port, ConnectFailure failure);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Session ended: {Outcome}, {BytesFromHost} bytes out, {BytesFromClient} bytes in, {Detail}")]
    private partial void LogEnded(RelayOutcome outcome, long bytesFromHost, long bytesFromClient, string? detail);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Error, Message = "Refused a session: the audit log could not be written")]
    private partial void LogAuditFailed(Exception exception);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "A browser socket detached; the session goes on")]
    private partial void LogDetached();

    [LoggerMessage(EventId = 1105, Level = LogLevel.Information, Message = "A browser socket attached to the running session")]
    private partial void LogAttached();
}
