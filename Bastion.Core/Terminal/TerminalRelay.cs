using System.Net.WebSockets;
using System.Text;

namespace Bastion.Core.Terminal;

/// <summary>
/// Runs one terminal session between a browser WebSocket and a shell: two pumps on one linked cancellation source;
/// whichever ends first decides the outcome, gives the other side a close timeout, then everything is torn down in
/// order (cancel, stop output, dispose the shell, await both pumps). Teardown runs whatever happened before it.
/// The shell channel owns the SSH connection and closes it when disposed.
/// </summary>
internal static class TerminalRelay
{
    public static async Task<RelayResult> RunAsync(
        WebSocket webSocket, IShellChannel shell, TerminalOptions options, Encoding encoding, bool flowControl, ISessionTap? tap,
        CancellationToken cancellationToken, Func<SessionEnding?>? endedBecause = null)
    {
        using var socket = new TerminalSocket(webSocket);
        var buffer = new OutputBuffer(options.ServerBufferBytes, options.MaxBatchBytes);
        var flow = flowControl ? new FlowWindow(options.FlowHighWater, options.FlowLowWater) : null;
        var output = new OutputPump(socket, buffer, encoding, flow, options.MaxBatchBytes, options.ClientSendTimeout, tap);
        var input = new InputPump(socket, shell, encoding, flow, tap);

        // Not linked to the caller's token: cancelling a pending WebSocket receive aborts the socket, and a session
        // ended from outside (kill, revocation, shutdown) must still be able to tell the browser why. The caller's
        // token joins the race below instead, and the pumps are cancelled only after the browser has been told.
        using var cts = new CancellationTokenSource();
        var outcome = RelayOutcome.Cancelled;
        string? detail = null;
        Task<OutputEnd> outputTask = Task.FromResult(OutputEnd.Cancelled);
        Task<InputEnd> inputTask = Task.FromResult(InputEnd.Cancelled);
        try
        {
            // 1. Start both directions.
            shell.Start(buffer);
            outputTask = output.RunAsync(cts.Token);
            inputTask = input.RunAsync(cts.Token);

            // 2. The first to finish decides the outcome; the other side gets a close timeout.
            var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(() => stopped.TrySetResult()))
            {
                await Task.WhenAny(outputTask, inputTask, stopped.Task).ConfigureAwait(false);
            }

            (outcome, detail) = Decide(
                !outputTask.IsCompleted ? null : outputTask.IsCompletedSuccessfully ? outputTask.Result : OutputEnd.Faulted,
                !inputTask.IsCompleted ? null : inputTask.IsCompletedSuccessfully ? inputTask.Result : InputEnd.ConnectionLost,
                shell.Failure,
                cancellationToken.IsCancellationRequested);
            var ending = outcome == RelayOutcome.Cancelled ? endedBecause?.Invoke() : null;
            detail = ending?.Detail ?? detail;
            await TellClientAsync(socket, outcome, detail, ending, options).ConfigureAwait(false);

            // We sent the close: let the browser answer it before the pumps are cancelled, since cancelling a pending
            // receive aborts the socket and an abort with unread input can reset the connection under our close frame.
            if (outcome is RelayOutcome.HostClosed or RelayOutcome.HostFailed or RelayOutcome.RecorderFailed or RelayOutcome.Cancelled)
            {
                await WaitQuietlyAsync(inputTask, options.CloseTimeout).ConfigureAwait(false);
            }
        }
        finally
        {
            // 3. Tear down in order: cancel both pumps, release SSH.NET's receive thread, close the shell, await the pumps.
            await cts.CancelAsync().ConfigureAwait(false);
            buffer.Abort();
            await shell.DisposeAsync().ConfigureAwait(false);
            await WaitQuietlyAsync(outputTask, Timeout.InfiniteTimeSpan).ConfigureAwait(false);
            await WaitQuietlyAsync(inputTask, Timeout.InfiniteTimeSpan).ConfigureAwait(false);
            await AwaitPeerCloseAsync(webSocket, options.CloseTimeout).ConfigureAwait(false);
            if (webSocket.State is not (WebSocketState.Closed or WebSocketState.Aborted))
            {
                webSocket.Abort();
            }
        }

        return new RelayResult(outcome, output.BytesRelayed, input.BytesRelayed, shell.ExitStatus, detail);
    }

    /// <summary>
    /// How the session ended, from what each pump said when the race was decided (null: still running). A stop from
    /// outside wins; then the output side, which knows about the recorder, a browser that stopped reading and the host;
    /// then the input side, which knows how the browser left.
    /// </summary>
    internal static (RelayOutcome Outcome, string? Detail) Decide(OutputEnd? output, InputEnd? input, string? shellFailure, bool stoppedFromOutside)
    {
        if (stoppedFromOutside)
        {
            return (RelayOutcome.Cancelled, null);
        }

        switch (output)
        {
            case OutputEnd.TapRefused:
                return (RelayOutcome.RecorderFailed, "the session recorder fell behind");
            case OutputEnd.ClientTooSlow:
                return (RelayOutcome.ClientTooSlow, "the browser stopped reading output");
            case OutputEnd.HostClosed:
                return shellFailure is null ? (RelayOutcome.HostClosed, null) : (RelayOutcome.HostFailed, shellFailure);
            case OutputEnd.Faulted:
                return (RelayOutcome.HostFailed, shellFailure ?? "output relay failed");
        }

        // The output side stopped because the browser went away, or is still running: the input side says how.
        return input switch
        {
            InputEnd.ClientClosed => (RelayOutcome.ClientClosed, null),
            InputEnd.MessageTooBig => (RelayOutcome.ClientMessageTooBig, null),
            _ => (RelayOutcome.ClientLost, null),
        };
    }

    private static async Task TellClientAsync(TerminalSocket socket, RelayOutcome outcome, string? detail, SessionEnding? ending, TerminalOptions options)
    {
        using var timeout = new CancellationTokenSource(options.CloseTimeout);
        switch (outcome)
        {
            case RelayOutcome.Cancelled:
                ending ??= SessionEnding.ServerStopping;
                await socket.TryEndAsync(ending.Code, ending.Message, ending.Status, ending.Detail, timeout.Token).ConfigureAwait(false);
                break;
            case RelayOutcome.RecorderFailed:
                await socket.TryEndAsync(ErrorCodes.RecorderFailed, "the session recording could not keep up, so the session was ended to keep the audit complete", WebSocketCloseStatus.InternalServerError, "recorder failed", timeout.Token).ConfigureAwait(false);
                break;
            case RelayOutcome.HostFailed:
                await socket.TryEndAsync(ErrorCodes.HostError, $"connection to the host was lost: {detail}", WebSocketCloseStatus.InternalServerError, "host connection lost", timeout.Token).ConfigureAwait(false);
                break;
            case RelayOutcome.HostClosed:
                await socket.TryCloseAsync(WebSocketCloseStatus.NormalClosure, "shell exited", timeout.Token).ConfigureAwait(false);
                break;
            case RelayOutcome.ClientClosed:
                await socket.TryCloseAsync(WebSocketCloseStatus.NormalClosure, "closed by client", timeout.Token).ConfigureAwait(false);
                break;
            default:
                // ClientLost, ClientTooSlow (its send was cancelled, which aborts the socket), MessageTooBig (closed already).
                break;
        }
    }

    /// <summary>After our close frame, read until the peer's close (or the timeout), so that aborting the socket does
    /// not discard a close frame still on its way out (RFC 6455 §7.1.1: the server closes TCP after the handshake).</summary>
    private static async Task AwaitPeerCloseAsync(WebSocket webSocket, TimeSpan timeout)
    {
        if (webSocket.State != WebSocketState.CloseSent)
        {
            return;
        }

        using var deadline = new CancellationTokenSource(timeout);
        var scratch = new byte[1024];
        try
        {
            while (webSocket.State == WebSocketState.CloseSent)
            {
                await webSocket.ReceiveAsync(scratch, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private static async Task WaitQuietlyAsync(Task task, TimeSpan timeout)
    {
        try
        {
            await task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch
        {
            // The outcome is already decided; a pump's late exception (cancellation, socket abort) is expected here.
        }
    }
}
