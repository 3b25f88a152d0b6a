using System.Net.WebSockets;
using System.Text;

namespace Bastion.Core.Terminal;

/// <summary>
/// Runs one terminal session between a browser WebSocket and a shell: two pumps on one linked cancellation source;
/// whichever ends first decides the outcome, gives the other side a close timeout, then everything is torn down in
/// order (cancel, stop output, dispose the shell, await both pumps). The caller owns and disposes the SSH client.
/// </summary>
internal static class TerminalRelay
{
    public static async Task<RelayResult> RunAsync(
        WebSocket webSocket, IShellChannel shell, TerminalOptions options, Encoding encoding, bool flowControl, ISessionTap? tap, CancellationToken cancellationToken)
    {
        using var socket = new TerminalSocket(webSocket);
        var buffer = new OutputBuffer(options.ServerBufferBytes, options.MaxBatchBytes);
        var flow = flowControl ? new FlowWindow(options.FlowHighWater, options.FlowLowWater) : null;
        var output = new OutputPump(socket, buffer, encoding, flow, options.MaxBatchBytes, tap);
        var input = new InputPump(socket, shell, encoding, flow, tap);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // 1. Start both directions.
        shell.Start(buffer);
        var outputTask = output.RunAsync(cts.Token);
        var inputTask = input.RunAsync(cts.Token);

        // 2. The first to finish decides the outcome.
        await Task.WhenAny(outputTask, inputTask).ConfigureAwait(false);
        RelayOutcome outcome;
        string? detail = null;
        if (cancellationToken.IsCancellationRequested)
        {
            outcome = RelayOutcome.Cancelled;
            await socket.TrySendErrorAsync(ErrorCodes.ServerStopping, "the session was ended by the server", CancellationToken.None).ConfigureAwait(false);
            await CloseWithTimeoutAsync(socket, WebSocketCloseStatus.EndpointUnavailable, "server stopping", options).ConfigureAwait(false);
        }
        else if (outputTask.IsCompleted)
        {
            // 2a. The host side ended: tell the browser, then give it a moment to answer the close frame.
            if (output.TapRefused)
            {
                outcome = RelayOutcome.RecorderFailed;
                detail = "the session recorder fell behind";
                await socket.TrySendErrorAsync(ErrorCodes.RecorderFailed, "the session recording could not keep up, so the session was ended to keep the audit complete", CancellationToken.None).ConfigureAwait(false);
                await CloseWithTimeoutAsync(socket, WebSocketCloseStatus.InternalServerError, "recorder failed", options).ConfigureAwait(false);
            }
            else if (outputTask.IsFaulted || shell.Failure is not null)
            {
                outcome = RelayOutcome.HostFailed;
                detail = shell.Failure ?? "output relay failed";
                await socket.TrySendErrorAsync(ErrorCodes.HostError, $"connection to the host was lost: {detail}", CancellationToken.None).ConfigureAwait(false);
                await CloseWithTimeoutAsync(socket, WebSocketCloseStatus.InternalServerError, "host connection lost", options).ConfigureAwait(false);
            }
            else
            {
                outcome = RelayOutcome.HostClosed;
                await CloseWithTimeoutAsync(socket, WebSocketCloseStatus.NormalClosure, "shell exited", options).ConfigureAwait(false);
            }

            await WaitQuietlyAsync(inputTask, options.CloseTimeout).ConfigureAwait(false);
        }
        else
        {
            // 2b. The browser side ended.
            var end = inputTask.IsCompletedSuccessfully ? inputTask.Result : InputEnd.ConnectionLost;
            outcome = end switch
            {
                InputEnd.ClientClosed => RelayOutcome.ClientClosed,
                InputEnd.MessageTooBig => RelayOutcome.ClientMessageTooBig,
                _ => RelayOutcome.ClientLost,
            };
            if (end == InputEnd.ClientClosed)
            {
                await CloseWithTimeoutAsync(socket, WebSocketCloseStatus.NormalClosure, "closed by client", options).ConfigureAwait(false);
            }
        }

        // 3. Tear down in order: cancel both pumps, release SSH.NET's receive thread, close the shell, await the pumps.
        await cts.CancelAsync().ConfigureAwait(false);
        buffer.Abort();
        await shell.DisposeAsync().ConfigureAwait(false);
        await WaitQuietlyAsync(outputTask, Timeout.InfiniteTimeSpan).ConfigureAwait(false);
        await WaitQuietlyAsync(inputTask, Timeout.InfiniteTimeSpan).ConfigureAwait(false);
        if (webSocket.State is not (WebSocketState.Closed or WebSocketState.Aborted))
        {
            webSocket.Abort();
        }

        return new RelayResult(outcome, output.BytesRelayed, input.BytesRelayed, shell.ExitStatus, detail);
    }

    private static async Task CloseWithTimeoutAsync(TerminalSocket socket, WebSocketCloseStatus status, string description, TerminalOptions options)
    {
        using var timeout = new CancellationTokenSource(options.CloseTimeout);
        await socket.TryCloseAsync(status, description, timeout.Token).ConfigureAwait(false);
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
