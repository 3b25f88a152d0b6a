using System.Net.WebSockets;
using System.Text;
using Bastion.Core.Recording;
using Bastion.Core.Ssh;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bastion.Core.Terminal;

/// <summary>
/// One terminal session after the WebSocket is accepted: connect to the host (verifying its key), tell the browser
/// it is ready, relay until either side ends, and report how it ended.
/// </summary>
internal sealed partial class TerminalSession(
    SshConnector connector, SessionAuditor auditor, IOptions<TerminalOptions> options, ILogger<TerminalSession> logger)
{
    public async Task<RelayResult> RunAsync(WebSocket webSocket, TerminalSessionRequest request, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object>
        {
            ["SessionId"] = request.SessionId,
            ["User"] = request.UserName,
            ["HostId"] = request.HostId,
        });

        // 0. session.started is committed and the recording exists before any connection opens (issue #4):
        //    a session that cannot be audited is refused.
        ActiveSession audited;
        try
        {
            audited = await auditor.BeginAsync(request, cancellationToken);
        }
        catch (Exception ex)
        {
            LogAuditFailed(ex);
            await RefuseAsync(webSocket, ErrorCodes.AuditUnavailable, "the audit log cannot be written, so sessions are refused; ask an admin to check the server", WebSocketCloseStatus.InternalServerError);
            return new RelayResult(RelayOutcome.RecorderFailed, 0, 0, null, "audit log unavailable");
        }

        // 1. Connect; the host key is verified before any credential is sent.
        var encoding = TerminalEncodings.Get(request.Charset);
        SshConnectResult connected;
        using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(audited.Token, request.AccessRevoked))
        {
            try
            {
                connected = await connector.ConnectAsync(request.Target, request.Cols, request.Rows, encoding, connecting.Token);
            }
            catch (OperationCanceledException) when (request.AccessRevoked.IsCancellationRequested)
            {
                // Access went away while connecting (issue #3).
                await Live.AccessRevocation.RefuseAsync(webSocket);
                var revoked = new RelayResult(RelayOutcome.Cancelled, 0, 0, null, "access revoked");
                await auditor.EndAsync(audited, revoked);
                return revoked;
            }
            catch (OperationCanceledException) when (audited.Token.IsCancellationRequested)
            {
                connected = SshConnectResult.Failed(ConnectFailure.Cancelled, "the session was ended by the server (shutdown or an administrator); reconnect if allowed");
            }
        }

        if (connected.Shell is null)
        {
            LogConnectFailed(request.Target.UserName, request.Target.Address, request.Target.Port, connected.Failure);
            await RefuseAsync(webSocket, connected);
            var outcome = connected.Failure == ConnectFailure.Cancelled ? RelayOutcome.Cancelled : RelayOutcome.HostFailed;
            var failed = new RelayResult(outcome, 0, 0, null, connected.Message ?? connected.Failure.ToString());
            await auditor.EndAsync(audited, failed);
            return failed;
        }

        LogConnected(request.Target.UserName, request.Target.Address, request.Target.Port, request.FlowControl);

        // 2. Tell the browser, then relay until one side ends. The browser may have gone while we connected: then the
        //    shell must still be closed here, since the relay that would own it never starts.
        try
        {
            using var ready = new CancellationTokenSource(options.Value.CloseTimeout * 5);
            await webSocket.SendAsync(TerminalProtocol.Ready(request.SessionId), WebSocketMessageType.Text, true, ready.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            await connected.Shell.DisposeAsync();
            LogEnded(RelayOutcome.ClientLost, 0, 0, "the browser left before the shell was ready");
            var lost = new RelayResult(RelayOutcome.ClientLost, 0, 0, null, "the browser left before the shell was ready");
            await auditor.EndAsync(audited, lost);
            return lost;
        }

        RelayResult result;
        using (var ended = CancellationTokenSource.CreateLinkedTokenSource(audited.Token, request.AccessRevoked))
        {
            result = await TerminalRelay.RunAsync(
                webSocket, connected.Shell, options.Value, encoding, request.FlowControl, audited.Recorder, ended.Token,
                () => request.AccessRevoked.IsCancellationRequested ? Live.AccessRevocation.Ending : null);
        }
        LogEnded(result.Outcome, result.BytesFromHost, result.BytesFromClient, result.Detail);

        // 3. Complete the recording, then session.ended with its hash.
        await auditor.EndAsync(audited, result);
        return result;
    }

    private static async Task RefuseAsync(WebSocket webSocket, SshConnectResult failure)
    {
        var (code, status) = failure.Failure switch
        {
            ConnectFailure.HostKeyUnpinned => (ErrorCodes.HostKeyUnpinned, WebSocketCloseStatus.PolicyViolation),
            ConnectFailure.HostKeyMismatch => (ErrorCodes.HostKeyMismatch, WebSocketCloseStatus.PolicyViolation),
            ConnectFailure.AuthFailed => (ErrorCodes.AuthFailed, WebSocketCloseStatus.InternalServerError),
            ConnectFailure.Unreachable => (ErrorCodes.Unreachable, WebSocketCloseStatus.InternalServerError),
            ConnectFailure.Cancelled => (ErrorCodes.ServerStopping, WebSocketCloseStatus.EndpointUnavailable),
            _ => (ErrorCodes.HostError, WebSocketCloseStatus.InternalServerError),
        };
        await RefuseAsync(webSocket, code, failure.Message ?? "connection failed", status);
    }

    private static Task RefuseAsync(WebSocket webSocket, string code, string message, WebSocketCloseStatus status) =>
        TerminalSocket.TryEndAsync(webSocket, code, message, status, code);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Connected to {Login}@{Address}:{Port} (flow control: {FlowControl})")]
    private partial void LogConnected(string login, string address, int port, bool flowControl);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Could not open a shell on {Login}@{Address}:{Port}: {Failure}")]
    private partial void LogConnectFailed(string login, string address, int port, ConnectFailure failure);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Session ended: {Outcome}, {BytesFromHost} bytes out, {BytesFromClient} bytes in, {Detail}")]
    private partial void LogEnded(RelayOutcome outcome, long bytesFromHost, long bytesFromClient, string? detail);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Error, Message = "Refused a session: the audit log could not be written")]
    private partial void LogAuditFailed(Exception exception);
}
